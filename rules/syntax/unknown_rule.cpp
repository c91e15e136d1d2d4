#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF903",
    .name = "unknown-rule",
    .category = Category::syntax,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "a suppression comment names a rule that does not exist",
    .docs = R"md(## What it does
Reports a rule name in a suppression comment that names no dfopt rule: in `# dfopt ignore=`,
`# dfopt global ignore=` and `# dfopt stage ignore=`, in hadolint's `# hadolint ignore=` pragmas,
and in BuildKit's `# check=skip=` directive. Rules are named by ID, name, alias or category; the
message suggests the closest one. The engine reports these while it reads the pragmas; the rule
lets them be deselected, ignored per file or given another severity like any finding.

Not reported: ShellCheck codes (`SC2086`) in hadolint pragmas while the ShellCheck integration
is off, and BuildKit check names that no dfopt rule mirrors (they are valid for BuildKit).

## Why is this bad?
A misspelt rule silences nothing, so the finding the comment was meant to suppress is still
reported, or, in a pragma written ahead of time, the comment does nothing at all.

## Example
```dockerfile
FROM alpine:3.20
# dfopt ignore=maintainer-instructions
MAINTAINER someone
```

## Use instead
```dockerfile
FROM alpine:3.20
# dfopt ignore=maintainer-instruction
MAINTAINER someone
```

## References
- ruff reports unknown codes in `# noqa` comments the same way.
- A hadolint code that no dfopt rule mirrors is reported too: the pragma has no effect on dfopt.
)md",
};

/// The engine reports these diagnostics while it reads the pragmas
/// (analyzer/engine/suppressions.cpp); the rule subscribes to nothing.
class UnknownRule final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
};

}  // namespace

const Rule& unknown_rule() {
  static const UnknownRule rule;
  return rule;
}

}  // namespace dfopt::rules
