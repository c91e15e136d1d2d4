#include "lsp/features/tables.h"

#include <array>

namespace dfopt::lsp::detail {
namespace {

using K = ast::InstrKind;

constexpr std::array kKeywords = {
    KeywordDoc{
        K::add,
        "ADD [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--checksum=<hash>] <src>... "
        "<dest>",
        "Copies files, directories or remote files from `<src>` into the image at `<dest>`. "
        "Unlike `COPY`, `ADD` also downloads URLs, clones Git repositories and extracts local "
        "tar archives (gzip, bzip2, xz) into the destination. Prefer `COPY` when none of that "
        "is needed."},
    KeywordDoc{
        K::arg, "ARG <name>[=<default value>] ...",
        "Declares a build argument that `docker build --build-arg <name>=<value>` can set. An "
        "`ARG` before the first `FROM` is global: only `FROM` lines see it, and a stage must "
        "declare `ARG <name>` again to use it. Build arguments are visible in the build "
        "history; do not pass secrets with them."},
    KeywordDoc{
        K::cmd, "CMD [\"executable\", \"param\"...] | CMD command param...",
        "Sets the default command (or the default arguments of `ENTRYPOINT`) of a container "
        "started from the image. Only the last `CMD` of a stage takes effect. The shell form "
        "runs under `/bin/sh -c`, which does not forward signals to the command."},
    KeywordDoc{K::copy,
               "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] "
               "<src>... <dest>",
               "Copies files or directories from the build context (or from another stage or image "
               "with `--from`) into the image at `<dest>`. A relative `<dest>` is resolved against "
               "`WORKDIR`. Files are owned by root unless `--chown` is given."},
    KeywordDoc{
        K::entrypoint, "ENTRYPOINT [\"executable\", \"param\"...] | ENTRYPOINT command param...",
        "Sets the executable a container runs; `CMD` and `docker run` arguments are appended "
        "to an exec-form entrypoint. The shell form runs under `/bin/sh -c`, ignores `CMD` and "
        "does not receive signals."},
    KeywordDoc{
        K::env, "ENV <key>=<value> ...",
        "Sets environment variables for the rest of the stage, for stages built on it and for "
        "containers run from the image. Values persist in the image: do not store secrets."},
    KeywordDoc{K::expose, "EXPOSE <port>[/<protocol>] ...",
               "Documents the ports the container listens on (`tcp` by default, or `udp`). It does "
               "not publish them: use `docker run -p` or `-P`."},
    KeywordDoc{
        K::from, "FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]",
        "Starts a new build stage from a base image, from an earlier stage named by `AS`, or "
        "from `scratch` (an empty image). Only global `ARG`s (declared before the first "
        "`FROM`) can be used in a `FROM` line."},
    KeywordDoc{
        K::healthcheck,
        "HEALTHCHECK [--interval=30s] [--timeout=30s] [--retries=3] CMD <command> | HEALTHCHECK "
        "NONE",
        "Tells the container runtime how to test that the container still works. The command "
        "runs in the container; exit status 0 means healthy, 1 unhealthy. `HEALTHCHECK NONE` "
        "disables a check inherited from the base image. Only the last one takes effect."},
    KeywordDoc{
        K::label, "LABEL <key>=<value> ...",
        "Adds metadata to the image as key-value pairs, e.g. the `org.opencontainers.image.*` "
        "annotations. Labels of the base image are inherited."},
    KeywordDoc{
        K::maintainer, "MAINTAINER <name>",
        "Deprecated: sets the image author. Use `LABEL org.opencontainers.image.authors=...` "
        "instead."},
    KeywordDoc{
        K::onbuild, "ONBUILD <instruction>",
        "Registers an instruction that runs later, when another build uses this image as its "
        "base: it executes right after that build's `FROM`. `ONBUILD` cannot wrap `FROM`, "
        "`MAINTAINER` or another `ONBUILD`."},
    KeywordDoc{K::run,
               "RUN [--mount=...] [--network=...] [--security=...] <command> | RUN "
               "[\"executable\", \"param\"...]",
               "Runs a command in a new layer on top of the current image and commits the result. "
               "The shell form runs under the stage's `SHELL` (`/bin/sh -c` by default); the exec "
               "form runs the executable directly, with no variable expansion. Heredocs (`<<EOF`) "
               "pass a multi-line script."},
    KeywordDoc{
        K::shell, "SHELL [\"executable\", \"param\"...]",
        "Replaces the shell used by the shell form of `RUN`, `CMD` and `ENTRYPOINT` for the "
        "rest of the stage (default `[\"/bin/sh\", \"-c\"]`). Must be written in JSON form."},
    KeywordDoc{K::stopsignal, "STOPSIGNAL <signal>",
               "Sets the signal sent to the container to stop it, by name (`SIGTERM`) or number. "
               "The default is `SIGTERM`."},
    KeywordDoc{K::user, "USER <user>[:<group>]",
               "Sets the user (and optionally the group) that the rest of the stage's `RUN`, `CMD` "
               "and `ENTRYPOINT` run as, and that containers run as. The user must exist in the "
               "image unless given by numeric ID."},
    KeywordDoc{
        K::volume, "VOLUME [\"/path\"...] | VOLUME /path...",
        "Marks paths as mount points for external volumes. Changes a later `RUN` makes inside "
        "a declared volume are discarded."},
    KeywordDoc{K::workdir, "WORKDIR <path>",
               "Sets the working directory for the rest of the stage's `RUN`, `CMD`, `ENTRYPOINT`, "
               "`COPY` and `ADD`, creating it if it does not exist. A relative path is resolved "
               "against the previous `WORKDIR`."},
};

constexpr std::array kFlags = {
    // FROM
    FlagDoc{K::from, "platform", true, "--platform=<os>/<arch>[/<variant>]",
            "Selects the platform of a multi-platform base image, e.g. `linux/amd64` or "
            "`$BUILDPLATFORM` for a stage that runs on the builder's own platform."},
    // RUN
    FlagDoc{
        K::run, "mount", true, "--mount=type=<bind|cache|tmpfs|secret|ssh>[,<option>=<value>...]",
        "Mounts a filesystem for this `RUN` only; nothing in it is committed to the layer. "
        "`bind` mounts context or stage files (read-only by default), `cache` keeps a directory "
        "between builds (package caches), `tmpfs` mounts an empty in-memory directory, "
        "`secret` exposes a secret file or variable, and `ssh` forwards the SSH agent."},
    FlagDoc{K::run, "network", true, "--network=<default|none|host>",
            "Sets the network of this `RUN`: `default` (the build's network), `none` (no network "
            "access) or `host` (the host's network; needs the `network.host` entitlement)."},
    FlagDoc{
        K::run, "security", true, "--security=<sandbox|insecure>",
        "`insecure` runs this `RUN` without the sandbox, like `docker run --privileged`; it needs "
        "the `security.insecure` entitlement. `sandbox` is the default."},
    // COPY
    FlagDoc{K::copy, "from", true, "--from=<stage|image|context>",
            "Copies from an earlier build stage (by name or index), an image or a named build "
            "context instead of the build context."},
    FlagDoc{K::copy, "chown", true, "--chown=<user>[:<group>]",
            "Sets the owner of the copied files (names or numeric IDs) instead of root. Names are "
            "resolved in the image's `/etc/passwd` and `/etc/group`."},
    FlagDoc{K::copy, "chmod", true, "--chmod=<perms>",
            "Sets the permissions of the copied files, in octal (`755`) or, with Dockerfile 1.14 "
            "and later, symbolic form (`u+x`)."},
    FlagDoc{K::copy, "link", false, "--link",
            "Copies the files into an independent layer that does not depend on the previous "
            "ones, so the layer stays cached when earlier layers change and can be rebased."},
    FlagDoc{K::copy, "parents", false, "--parents",
            "Keeps the parent directories of each source below the destination, e.g. "
            "`COPY --parents ./x/a.txt /dst` creates `/dst/x/a.txt`."},
    FlagDoc{K::copy, "exclude", true, "--exclude=<pattern>",
            "Leaves out the files matching the pattern (`.dockerignore` syntax); may be repeated."},
    // ADD
    FlagDoc{K::add, "chown", true, "--chown=<user>[:<group>]",
            "Sets the owner of the added files (names or numeric IDs) instead of root."},
    FlagDoc{K::add, "chmod", true, "--chmod=<perms>",
            "Sets the permissions of the added files, in octal (`755`) or symbolic form."},
    FlagDoc{K::add, "link", false, "--link",
            "Adds the files into an independent layer that does not depend on the previous ones, "
            "so the layer stays cached when earlier layers change."},
    FlagDoc{K::add, "checksum", true, "--checksum=<algorithm>:<hash>",
            "Verifies a remote file (or, for Git sources, the commit) against the given checksum, "
            "e.g. `sha256:...`; the build fails on a mismatch."},
    FlagDoc{K::add, "keep-git-dir", false, "--keep-git-dir",
            "Keeps the `.git` directory when adding a Git repository."},
    FlagDoc{K::add, "exclude", true, "--exclude=<pattern>",
            "Leaves out the files matching the pattern (`.dockerignore` syntax); may be repeated."},
    FlagDoc{K::add, "unpack", true, "--unpack=<true|false>",
            "Whether an archive is extracted into the destination: by default local archives are "
            "and remote ones are not."},
    // HEALTHCHECK
    FlagDoc{K::healthcheck, "interval", true, "--interval=<duration>",
            "Time between two checks, e.g. `30s` (the default)."},
    FlagDoc{K::healthcheck, "timeout", true, "--timeout=<duration>",
            "Time after which a running check counts as failed (default `30s`)."},
    FlagDoc{K::healthcheck, "start-period", true, "--start-period=<duration>",
            "Start-up time during which failed checks do not count towards `--retries` (default "
            "`0s`)."},
    FlagDoc{K::healthcheck, "start-interval", true, "--start-interval=<duration>",
            "Time between checks during the start period (default `5s`)."},
    FlagDoc{K::healthcheck, "retries", true, "--retries=<n>",
            "Consecutive failures after which the container is unhealthy (default `3`)."},
};

constexpr std::array kMountTypes = {
    ValueDoc{"bind",
             "Mounts files from the build context, a stage or an image (read-only by default)."},
    ValueDoc{"cache", "A directory kept between builds, for compiler and package-manager caches."},
    ValueDoc{"tmpfs", "An empty in-memory directory."},
    ValueDoc{"secret",
             "A secret given with `docker build --secret`, as a file or an environment variable."},
    ValueDoc{"ssh", "A socket forwarding the SSH agent given with `docker build --ssh`."},
};

constexpr unsigned kBind = 1, kCache = 2, kTmpfs = 4, kSecret = 8, kSsh = 16;

constexpr std::array kMountOptions = {
    MountOption{"target", "Mount path in the container (aliases `dst`, `destination`).",
                kBind | kCache | kTmpfs | kSecret | kSsh},
    MountOption{"source", "Path in `from` to mount (alias `src`); defaults to its root.",
                kBind | kCache},
    MountOption{"from",
                "Stage, image or build context to mount from; the build context by default.",
                kBind | kCache},
    MountOption{"readonly", "Mount read-only (alias `ro`).", kBind | kCache},
    MountOption{"rw", "Mount read-write; writes are discarded after the `RUN` (alias `readwrite`).",
                kBind | kCache},
    MountOption{"id", "Cache ID (defaults to `target`), or the secret or SSH ID to mount.",
                kCache | kSecret | kSsh},
    MountOption{"sharing",
                "How concurrent builds share the cache: `shared` (default), `private` or "
                "`locked`.",
                kCache},
    MountOption{"mode", "File mode of the cache directory, secret file or socket, in octal.",
                kCache | kSecret | kSsh},
    MountOption{"uid", "User ID of the cache directory, secret file or socket.",
                kCache | kSecret | kSsh},
    MountOption{"gid", "Group ID of the cache directory, secret file or socket.",
                kCache | kSecret | kSsh},
    MountOption{"required", "Fail the build when the secret or SSH socket is not provided.",
                kSecret | kSsh},
    MountOption{"size", "Maximum size of the tmpfs, e.g. `64m`.", kTmpfs},
    MountOption{"env",
                "Expose the secret as this environment variable instead of (or besides) a file.",
                kSecret},
};

constexpr std::array kNetwork = {
    ValueDoc{"default", "The build's default network."},
    ValueDoc{"none", "No network access."},
    ValueDoc{"host", "The host's network (needs the `network.host` entitlement)."},
};

constexpr std::array kSecurity = {
    ValueDoc{"sandbox", "The default sandbox."},
    ValueDoc{"insecure", "No sandbox, like a privileged container (needs `security.insecure`)."},
};

constexpr std::array kSharing = {
    ValueDoc{"shared", "Concurrent builds use the cache at the same time (default)."},
    ValueDoc{"private", "A concurrent build gets a new, empty cache."},
    ValueDoc{"locked", "A concurrent build waits until the cache is released."},
};

constexpr std::array kDirectives = {
    DirectiveDoc{
        "syntax", "syntax=docker/dockerfile:1",
        "Selects the Dockerfile frontend image BuildKit builds with. "
        "`docker/dockerfile:1` is the latest stable syntax, with heredocs and `RUN --mount`."},
    DirectiveDoc{
        "escape", "escape=`",
        "Sets the escape character, `\\` (default) or `` ` `` (convenient on Windows, where "
        "`\\` separates paths)."},
    DirectiveDoc{"check", "check=error=true",
                 "Configures BuildKit's build checks: `skip=<check>,...` disables checks, "
                 "`error=true` makes warnings fail the build."},
};

constexpr std::array<std::string_view, 9> kPlatformArgs = {
    "BUILDPLATFORM", "BUILDOS",    "BUILDARCH",     "BUILDVARIANT", "TARGETPLATFORM",
    "TARGETOS",      "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE"};

}  // namespace

std::span<const KeywordDoc> keyword_docs() { return kKeywords; }

const KeywordDoc* keyword_doc(ast::InstrKind kind) {
  for (const KeywordDoc& k : kKeywords)
    if (k.kind == kind) return &k;
  return nullptr;
}

std::span<const FlagDoc> flag_docs() { return kFlags; }

const FlagDoc* flag_doc(ast::InstrKind kind, std::string_view name) {
  for (const FlagDoc& f : kFlags)
    if (f.kind == kind && f.name == name) return &f;
  return nullptr;
}

std::span<const ValueDoc> mount_types() { return kMountTypes; }
std::span<const MountOption> mount_options() { return kMountOptions; }

unsigned mount_bit(std::string_view type) {
  if (type == "bind") return kBind;
  if (type == "cache") return kCache;
  if (type == "tmpfs") return kTmpfs;
  if (type == "secret") return kSecret;
  if (type == "ssh") return kSsh;
  return 0;
}

std::span<const ValueDoc> network_values() { return kNetwork; }
std::span<const ValueDoc> security_values() { return kSecurity; }
std::span<const ValueDoc> sharing_values() { return kSharing; }
std::span<const DirectiveDoc> directive_docs() { return kDirectives; }
std::span<const std::string_view> predefined_platform_args() { return kPlatformArgs; }

}  // namespace dfopt::lsp::detail
