#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3063"};

constexpr RuleInfo kInfo{
    .id = "DF210",
    .name = "reserved-stage-name-literal",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "a stage is named exactly `scratch` or `context`",
    .docs = R"md(## What it does
Flags a stage named `scratch` or `context`, exactly as written: `AS Scratch` is not matched.

This rule is off by default: `reserved-stage-name` (DF204) also matches the names in other
cases, which BuildKit lower-cases before it compares them. Enable this one to mirror hadolint
exactly.

## Why is this bad?
Both words already mean something to BuildKit. `scratch` is the empty image: `FROM scratch`
never reaches a stage of that name. `context` is the name under which `--build-context` and
`COPY --from=context` reach the build context. A stage with either name is confusing at best and
is ignored or shadowed at worst.

## Example
```dockerfile
FROM alpine:3.20 AS context
RUN apk add --no-cache git
```

## Use instead
```dockerfile
FROM alpine:3.20 AS tools
RUN apk add --no-cache git
```

## References
- hadolint DL3063: the same check (the alias compared as written).
- BuildKit `ReservedStageName` compares the lower-cased name; see `reserved-stage-name` (DF204).
- https://docs.docker.com/reference/build-checks/reserved-stage-name/
)md",
};

class ReservedStageNameLiteral final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    if (!ref.instr.from_name) return;
    const std::string& name = ref.instr.from_name->value;
    if (name != "scratch" && name != "context") return;
    out.report(ref.instr.from_name->range,
               fmt::format("stage name '{}' is reserved for {}", name,
                           name == "scratch" ? "the empty image" : "the build context"));
  }
};

}  // namespace

const Rule& reserved_stage_name_literal() {
  static const ReservedStageNameLiteral rule;
  return rule;
}

}  // namespace dfopt::rules
