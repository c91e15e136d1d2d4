#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3036"};
constexpr std::string_view kUses[] = {"install", "in"};
constexpr std::string_view kCleans[] = {"clean", "cc"};

constexpr RuleInfo kInfo{
    .id = "DF625",
    .name = "zypper-install-without-clean",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`zypper install` without a later `zypper clean` in the same `RUN`",
    .docs = R"md(## What it does
Flags a `RUN` (also inside `ONBUILD`) with a `zypper` command that has an `install` or `in`
argument when no `zypper` command with a `clean` or `cc` argument comes after the first such
install in the same `RUN`. The finding points at that first install. A `RUN` with a
`--mount=type=cache` or `type=tmpfs` whose target contains `/var/cache/zypp` is not flagged: the
cache then never reaches the layer.

Commands are read as hadolint reads them: the command must be literally `zypper`, the
subcommand may be any of its arguments, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
`zypper install` keeps repository metadata and, depending on the repository settings, the
downloaded packages under `/var/cache/zypp`. Unless the same `RUN` removes them, they are stored
in the layer and carried by every image built on it. Cleaning in a later `RUN` does not help:
the files stay in the earlier layer.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```
or, with BuildKit, keep the cache out of the image and reuse it between builds:
```dockerfile
FROM opensuse/leap:15.6
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl
```

## Fix safety
When the `RUN` is a single chain of commands joined by `&&` (pipelines allowed), the fix appends
`&& zypper clean` to it. It is unsafe: a later `RUN` that expected the cached metadata has to
download it again. There is no fix for scripts with `;`, `||`, `&`, compound commands or
heredocs, where the right place is not obvious.

## References
- hadolint DL3036: the same check.
- Trivy DS-0020 differs: it searches the `RUN` text with regular expressions, also for `remove`,
  `rm`, `source-install`, `si` and `patch` (and, through the prefix `zypper in`, `zypper info`),
  and passes when the last match is `zypper clean` or `zypper cc` written literally; it has no
  cache-mount exemption.
- https://en.opensuse.org/SDB:Zypper_manual
)md",
};

constexpr rpm::CleanSpec kSpec{
    .tool = "zypper",
    .uses = kUses,
    .cleans = kCleans,
    .rm_path = "",
    .clean_command = "zypper clean",
};

class ZypperInstallWithoutClean final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (script == nullptr || sh::has_cache_mount(file, ref, "/var/cache/zypp")) return;
    rpm::check_clean(file, ref, *script, kSpec, out);
  }
};

}  // namespace

const Rule& zypper_install_without_clean() {
  static const ZypperInstallWithoutClean rule;
  return rule;
}

}  // namespace dfopt::rules
