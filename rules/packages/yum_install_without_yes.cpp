#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3030"};
constexpr std::string_view kTools[] = {"yum"};

constexpr RuleInfo kInfo{
    .id = "DF620",
    .name = "yum-install-without-yes",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`yum install` without `-y`",
    .docs = R"md(## What it does
Flags a `yum` command in a `RUN` that has an `install`, `groupinstall` or `localinstall` argument
and neither `-y` (also inside a cluster such as `-qy`) nor `--assumeyes`.

Commands are read as hadolint reads them: after `&&`, `||` or `;`, in pipelines, subshells and
`$(...)`, in `RUN <<EOF` heredocs, in exec-form `RUN` and in the `RUN` inside `ONBUILD`. The
command must be literally `yum` (not `/usr/bin/yum`, not `sudo yum`), the subcommand may be any
of its arguments, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without `-y`, `yum` asks "Is this ok [y/N]" before it changes anything. A build has no terminal
to answer: `yum` reads end of input, aborts with "Exiting on user command", and the build fails
(or, with a TTY attached, hangs).

## Example
```dockerfile
FROM centos:7
RUN yum install httpd && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd && yum clean all
```

## Fix safety
The fix adds `-y` right after the `install` (or `groupinstall`, `localinstall`) argument. It is
safe: the only prompt `-y` answers is the one that would make the build fail.

## References
- hadolint DL3030: the same check.
- https://man7.org/linux/man-pages/man8/yum.8.html
)md",
};

class YumInstallWithoutYes final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (const shell::Script* script = sh::run_script(file, ref)) {
      rpm::check_assume_yes(file, *script, kTools, out);
    }
  }
};

}  // namespace

const Rule& yum_install_without_yes() {
  static const YumInstallWithoutYes rule;
  return rule;
}

}  // namespace dfopt::rules
