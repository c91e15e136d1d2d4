#include "dfopt/rule.h"
#include "rules/runtime/repeated_instruction.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4003"};

constexpr RuleInfo kInfo{
    .id = "DF403",
    .name = "multiple-cmd",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "more than one `CMD` in a stage",
    .docs = R"md(## What it does
Flags every `CMD` after the first one of the same build stage (top-level instructions; a
`CMD` inside `ONBUILD` belongs to the images built from this one).

## Why is this bad?
An image has one default command: only the last `CMD` of a stage takes effect. The earlier ones are dead code that a reader may take for the
one in effect.

## Example
```dockerfile
FROM python:3.13-slim
CMD ["python", "manage.py", "migrate"]
CMD ["gunicorn", "app:app"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
COPY start.sh /start.sh
CMD ["/start.sh"]
```

## References
- hadolint DL4003: the same check (every `CMD` after the first of a stage).
- Trivy DS-0016 differs: it reports one finding per stage, at the second `CMD` only.
- BuildKit `MultipleInstructionsDisallowed` reports the earlier, ignored instruction instead; see
  `overridden-instruction` (DF406).
- https://docs.docker.com/reference/dockerfile/#cmd
)md",
};

}  // namespace

const Rule& multiple_cmd() {
  static const detail::RepeatedInstruction rule(kInfo, ast::InstrKind::cmd);
  return rule;
}

}  // namespace dfopt::rules
