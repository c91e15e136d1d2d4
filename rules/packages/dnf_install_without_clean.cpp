#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3040"};
constexpr std::string_view kUses[] = {"install",         "in",     "upgrade",   "up",
                                      "upgrade-minimal", "up-min", "reinstall", "rei"};
constexpr std::string_view kCleans[] = {"clean", "all"};

constexpr RuleInfo kInfo{
    .id = "DF628",
    .name = "dnf-install-without-clean",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`dnf install` without a later `dnf clean all` in the same `RUN`",
    .docs = R"md(## What it does
Flags a `RUN` (also inside `ONBUILD`) with a `dnf` command that has an `install`, `in`,
`upgrade`, `up`, `upgrade-minimal`, `up-min`, `reinstall` or `rei` argument when no cleaning
command comes after the first such command in the same `RUN`; `microdnf` is checked the same
way, on its own. As in hadolint, a cleaning command is a command of the same tool with a `clean`
or `all` argument (`dnf clean all`), or an `rm` command with a `-rf` or `/var/cache/libdnf5*`
argument. The finding points at the first install or upgrade. A `RUN` with a
`--mount=type=cache` or `type=tmpfs` whose target contains `/var/cache/libdnf5` or
`.cache/libdnf5` is not flagged: the cache then never reaches the layer.

Commands are read as hadolint reads them: the command must be literally `dnf`, `microdnf` (or
`rm`), the subcommand may be any of its arguments, and the scripts of `sh -c "..."` strings
are not read.

## Why is this bad?
`dnf` keeps repository metadata (often over 100 MB) and, depending on `keepcache`, the
downloaded packages in its cache directory. Unless the same `RUN` removes them, they are stored
in the layer and carried by every image built on it. Cleaning in a later `RUN` does not help:
the files stay in the earlier layer.

## Example
```dockerfile
FROM fedora:41
RUN dnf install -y httpd
```

## Use instead
```dockerfile
FROM fedora:41
RUN dnf install -y httpd && dnf clean all
```
or, with BuildKit, keep the cache out of the image and reuse it between builds:
```dockerfile
FROM fedora:41
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd
```

## Fix safety
When the `RUN` is a single chain of commands joined by `&&` (pipelines allowed), the fix appends
`&& dnf clean all` (or `&& microdnf clean all`) to it. It is unsafe: a later `RUN` that expected
the cached metadata has to download it again. There is no fix for scripts with `;`, `||`, `&`,
compound commands or heredocs, where the right place is not obvious.

## References
- hadolint DL3040: the same check.
- Trivy DS-0019 and DS-0027 differ: they search the `RUN` text with regular expressions
  (`dnf install`, `dnf in`, `dnf reinstall`... and `microdnf install`, `microdnf reinstall`;
  `dnf in` also matches `dnf info`, and `dnf install` also matches `microdnf install`), skip
  `upgrade`, and pass when the last match is `dnf clean all` (resp. `microdnf clean all`) written
  literally; they know no `rm` alternative and no cache-mount exemption.
- https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command-label
)md",
};

constexpr rpm::CleanSpec kDnf{
    .tool = "dnf",
    .uses = kUses,
    .cleans = kCleans,
    .rm_path = "/var/cache/libdnf5*",
    .clean_command = "dnf clean all",
};

constexpr rpm::CleanSpec kMicrodnf{
    .tool = "microdnf",
    .uses = kUses,
    .cleans = kCleans,
    .rm_path = "/var/cache/libdnf5*",
    .clean_command = "microdnf clean all",
};

class DnfInstallWithoutClean final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (script == nullptr || sh::has_cache_mount(file, ref, "/var/cache/libdnf5") ||
        sh::has_cache_mount(file, ref, ".cache/libdnf5")) {
      return;
    }
    rpm::check_clean(file, ref, *script, kDnf, out);
    rpm::check_clean(file, ref, *script, kMicrodnf, out);
  }
};

}  // namespace

const Rule& dnf_install_without_clean() {
  static const DnfInstallWithoutClean rule;
  return rule;
}

}  // namespace dfopt::rules
