#include "dfopt/rule.h"
#include "rules/runtime/repeated_instruction.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4004"};

constexpr RuleInfo kInfo{
    .id = "DF404",
    .name = "multiple-entrypoint",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "more than one `ENTRYPOINT` in a stage",
    .docs = R"md(## What it does
Flags every `ENTRYPOINT` after the first one of the same build stage (top-level instructions; a
`ENTRYPOINT` inside `ONBUILD` belongs to the images built from this one).

## Why is this bad?
An image has one entrypoint: only the last `ENTRYPOINT` of a stage takes effect. The earlier ones are dead code that a reader may take for the
one in effect.

## Example
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/sbin/tini", "--"]
ENTRYPOINT ["/app/server"]
```

## Use instead
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/sbin/tini", "--", "/app/server"]
```

## References
- hadolint DL4004: the same check (every `ENTRYPOINT` after the first of a stage).
- Trivy DS-0007 differs: it reports one finding per stage, at the second `ENTRYPOINT` only.
- BuildKit `MultipleInstructionsDisallowed` reports the earlier, ignored instruction instead; see
  `overridden-instruction` (DF406).
- https://docs.docker.com/reference/dockerfile/#entrypoint
)md",
};

}  // namespace

const Rule& multiple_entrypoint() {
  static const detail::RepeatedInstruction rule(kInfo, ast::InstrKind::entrypoint);
  return rule;
}

}  // namespace dfopt::rules
