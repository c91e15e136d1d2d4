#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3038"};
constexpr std::string_view kTools[] = {"dnf", "microdnf"};

constexpr RuleInfo kInfo{
    .id = "DF627",
    .name = "dnf-install-without-yes",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`dnf install` or `microdnf install` without `-y`",
    .docs = R"md(## What it does
Flags a `dnf` or `microdnf` command in a `RUN` (also inside `ONBUILD`) that has an `install`,
`groupinstall` or `localinstall` argument and neither `-y` (also inside a cluster such as `-qy`)
nor `--assumeyes`.

Commands are read as hadolint reads them: after `&&`, `||` or `;`, in pipelines, subshells and
`$(...)`, in `RUN <<EOF` heredocs and in exec-form `RUN`. The command must be literally `dnf` or
`microdnf` (not `dnf5`, `/usr/bin/dnf` or `sudo dnf`), the subcommand may be any of its
arguments, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without `-y`, `dnf` asks "Is this ok [y/N]" before it changes anything. A build has no terminal
to answer: `dnf` reads end of input, aborts with "Operation aborted", and the build fails (or,
with a TTY attached, hangs). `microdnf` has asked the same way since its 2021 releases; older
releases never ask.

## Example
```dockerfile
FROM fedora:41
RUN dnf install httpd && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:41
RUN dnf install -y httpd && dnf clean all
```

## Fix safety
The fix adds `-y` right after the `install` (or `groupinstall`, `localinstall`) argument. For
`dnf` it is safe: the only prompt `-y` answers is the one that would make the build fail. For
`microdnf` it is unsafe: releases older than the confirmation prompt (found in some Enterprise
Linux 8 images) have no `-y` option and fail on it.

## References
- hadolint DL3038: the same check.
- https://dnf.readthedocs.io/en/latest/command_ref.html
)md",
};

class DnfInstallWithoutYes final : public Rule {
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

const Rule& dnf_install_without_yes() {
  static const DnfInstallWithoutYes rule;
  return rule;
}

}  // namespace dfopt::rules
