#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"ReservedStageName"};

constexpr RuleInfo kInfo{
    .id = "DF204",
    .name = "reserved-stage-name",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "a stage is named `scratch` or `context`",
    .docs = R"md(## What it does
Flags a stage named `scratch` or `context`, in any case (`FROM ... AS Scratch`): BuildKit
lower-cases stage names before it compares them.

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
- BuildKit `ReservedStageName`: the same check.
- hadolint DL3063 compares the name as written, so `AS Scratch` passes there; not an alias.
  `reserved-stage-name-literal` (DF210) is hadolint's check exactly.
- https://docs.docker.com/reference/build-checks/reserved-stage-name/
)md",
};

class ReservedStageName final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.stage == model::npos || !ref.instr.from_name) return;
    const std::string& name = file.model.stage(ref.stage).name;  // lower-cased
    if (name != "scratch" && name != "context") return;
    out.report(ref.instr.from_name->range,
               fmt::format("stage name '{}' is reserved: '{}' {}", ref.instr.from_name->value, name,
                           name == "scratch" ? "is the empty image" : "names the build context"));
  }
};

}  // namespace

const Rule& reserved_stage_name() {
  static const ReservedStageName rule;
  return rule;
}

}  // namespace dfopt::rules
