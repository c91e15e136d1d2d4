#include "dfopt/rule.h"
#include "rules/runtime/repeated_instruction.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3012"};

constexpr RuleInfo kInfo{
    .id = "DF405",
    .name = "multiple-healthcheck",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "more than one `HEALTHCHECK` in a stage",
    .docs = R"md(## What it does
Flags every `HEALTHCHECK` after the first one of the same build stage (top-level instructions; a
`HEALTHCHECK` inside `ONBUILD` belongs to the images built from this one).

## Why is this bad?
A container has one health check: only the last `HEALTHCHECK` of a stage takes effect (`HEALTHCHECK NONE` included). The earlier ones are dead code that a reader may take for the
one in effect.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/health"]
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/health"]
```

## References
- hadolint DL3012: the same check (every `HEALTHCHECK` after the first of a stage).
- Trivy DS-0023 differs: it reports one finding per stage, at the second `HEALTHCHECK` only.
- BuildKit `MultipleInstructionsDisallowed` reports the earlier, ignored instruction instead; see
  `overridden-instruction` (DF406).
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

}  // namespace

const Rule& multiple_healthcheck() {
  static const detail::RepeatedInstruction rule(kInfo, ast::InstrKind::healthcheck);
  return rule;
}

}  // namespace dfopt::rules
