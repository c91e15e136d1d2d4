#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF904",
    .name = "invalid-pragma",
    .category = Category::syntax,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "a suppression comment is malformed",
    .docs = R"md(## What it does
Reports a `# dfopt` pragma that is not well-formed (an unknown verb, a missing `=`, no rule
names, text after the rule list that is not a `# reason`), a `stage ignore=` pragma that is not
followed by a `FROM`, and a `# check=` directive part that BuildKit does not know. The engine
reports these while it reads the pragmas; the rule lets them be deselected, ignored per file or
given another severity like any finding.

hadolint's own pragmas are not judged: a `# hadolint` comment that is not an ignore pragma is
left alone, as hadolint leaves it.

## Why is this bad?
A malformed pragma suppresses nothing. The findings it was meant to silence are still reported,
and readers of the Dockerfile believe an exception is in place.

## Example
```dockerfile
FROM alpine:3.20
# dfopt ignore=maintainer-instruction because the base image needs it
MAINTAINER someone
```

## Use instead
```dockerfile
FROM alpine:3.20
# dfopt ignore=maintainer-instruction  # the base image needs it
MAINTAINER someone
```

## References
- https://docs.docker.com/reference/build-checks/#skip-checks (the `# check=` directive)
)md",
};

/// The engine reports these diagnostics while it reads the pragmas
/// (analyzer/engine/suppressions.cpp); the rule subscribes to nothing.
class InvalidPragma final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
};

}  // namespace

const Rule& invalid_pragma() {
  static const InvalidPragma rule;
  return rule;
}

}  // namespace dfopt::rules
