#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF312",
    .name = "user-password-set",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "login password set for a user of the image",
    .docs = R"md(## What it does
Flags `RUN` commands that give a user account of the image a password:

- `chpasswd`, in any form (`echo 'root:secret' | chpasswd`, `chpasswd < users.txt`,
  `chpasswd -e` with a hash);
- `passwd --stdin`, and `passwd` reading the new password from a pipe or a here-document
  (`printf 'pw\npw\n' | passwd app`); not `passwd -l`, `-d`, `-u`, `-e` or `-S`;
- `useradd -p`/`--password` and `usermod -p`/`--password` with a hash, unless the value is a
  locked-password marker (starting with `!` or `*`).

A password generated at build time from a random source (`/dev/urandom`, `/dev/random`,
`openssl rand`, `pwgen`), as the value of `-p` or in the command that feeds `chpasswd` or
`passwd`, is not reported: nobody knows it.

Commands are found wherever they run in the script, through wrappers such as `sudo`, and in
`ONBUILD`.

## Why is this bad?
Every container started from the image shares the same password, and anyone who can pull the image
can read it: the `RUN` line (with the password in clear text) stays in the image history, and the
hash in `/etc/shadow` can be cracked offline. Containers rarely need login passwords at all:
`docker exec` gives a shell, and services that need credentials should get them at run time.

## Example
```dockerfile
FROM ubuntu:24.04
RUN useradd -m app && echo 'app:changeme' | chpasswd
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN useradd -m app
USER app
```
If a password is really required, set it when the container starts, from a secret.

## References
- Checkov CKV2_DOCKER_17 differs: it matches the word `chpasswd` in the `RUN` text (so also in
  `echo chpasswd`) and checks neither `passwd` nor `useradd -p`/`usermod -p`.
- https://docs.docker.com/build/building/secrets/
)md",
};

using security::Invocation;

/// The password is generated at build time from a random source (`$(head -c32 /dev/urandom |
/// base64)`, `$(openssl rand -base64 32)`, `$(pwgen 16 1)`): nobody knows it, so it gives no
/// one a way in.
bool is_random(std::string_view text) {
  return text.find("/dev/urandom") != std::string_view::npos ||
         text.find("/dev/random") != std::string_view::npos ||
         text.find("openssl rand") != std::string_view::npos ||
         text.find("pwgen") != std::string_view::npos;
}

/// The commands before `cmd` in its pipeline (what feeds `chpasswd` or `passwd`) build a random
/// password.
bool fed_random(const shell::Script& script, const shell::Command& cmd) {
  if (cmd.pipeline_index == 0) return false;
  for (const shell::Command& c : script.commands) {
    if (&c == &cmd) break;
    if (c.pipeline != cmd.pipeline) continue;
    for (const shell::Word& w : c.argv) {
      if (is_random(w.text)) return true;
    }
  }
  return false;
}

// clang-format off
constexpr std::string_view kUseraddValues[] = {
    "b", "c", "d", "e", "f", "g", "G", "k", "K", "p", "P", "R", "s", "u", "Z", "l",
    "base-dir", "comment", "home", "home-dir", "expiredate", "inactive", "gid", "groups", "skel",
    "key", "password", "prefix", "root", "shell", "uid", "selinux-user", "login", "move-home"};
// clang-format on
constexpr std::string_view kPasswdValues[] = {
    "n",       "x",       "w",        "i",        "r",          "R",    "P",
    "mindays", "maxdays", "warndays", "inactive", "repository", "root", "prefix"};

class UserPasswordSet final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      const Invocation inv = security::invocation(cmd);
      if (!inv) continue;
      if (inv.program == "chpasswd") {
        if (!fed_random(*script, cmd)) report(out, inv.word().range, "`chpasswd`");
      } else if (inv.program == "passwd") {
        if (!fed_random(*script, cmd)) passwd(inv, out);
      } else if (inv.program == "useradd" || inv.program == "usermod") {
        for (const shell::Option& o : inv.options(kUseraddValues).options) {
          if ((o.name != "p" && o.name != "password") || !o.has_value || o.value.empty()) continue;
          // `!` or `*` (alone or before a hash) marks a locked password: no login with it.
          if (o.value.front() == '!' || o.value.front() == '*' || is_random(o.value)) continue;
          report(out, cmd.argv[o.word].range,
                 fmt::format("`{} {}`", inv.program, o.is_long ? "--password" : "-p"));
        }
      }
    }
  }

 private:
  static void report(Reporter& out, TextRange range, std::string_view what) {
    out.report(range, fmt::format("{} bakes a login password into the image; provide "
                                  "credentials at run time instead",
                                  what));
  }

  static void passwd(const Invocation& inv, Reporter& out) {
    const shell::Options opts = inv.options(kPasswdValues);
    // Locking, deleting, expiring or showing a password reads no new one.
    if (opts.has_any({"l", "d", "u", "e", "S", "k", "lock", "delete", "unlock", "expire", "status",
                      "keep-tokens"})) {
      return;
    }
    if (opts.has("stdin")) {
      report(out, inv.word().range, "`passwd --stdin`");
      return;
    }
    const shell::Command& cmd = *inv.cmd;
    bool fed = cmd.pipeline_index > 0;
    for (const shell::Redirection& r : cmd.redirections) {
      if ((r.fd == -1 || r.fd == 0) && (r.is_heredoc() || r.kind == shell::RedirKind::herestring ||
                                        r.kind == shell::RedirKind::input)) {
        fed = true;
      }
    }
    if (fed) report(out, inv.word().range, "`passwd` reading the password from its input");
  }
};

}  // namespace

const Rule& user_password_set() {
  static const UserPasswordSet rule;
  return rule;
}

}  // namespace dfopt::rules
