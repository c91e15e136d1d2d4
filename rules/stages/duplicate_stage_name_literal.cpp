#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3024"};

constexpr RuleInfo kInfo{
    .id = "DF209",
    .name = "duplicate-stage-name-literal",
    .category = Category::stages,
    .severity = Severity::error,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "two stages have exactly the same name",
    .docs = R"md(## What it does
Flags a `FROM ... AS <name>` whose name, exactly as written, was already given to an earlier
stage. Every later occurrence is reported; the first is not. Names that differ only in case
(`build` and `Build`) are different here.

This rule is off by default: `duplicate-stage-name` (DF203) compares names case-insensitively,
as BuildKit does, and so also finds the duplicates that differ in case. Enable this one to mirror
hadolint exactly.

## Why is this bad?
BuildKit keeps one stage per name: `COPY --from=<name>`, `RUN --mount=from=<name>` and
`--target` reach the last stage with that name, while a `FROM <name>` reaches the last one
defined above it. Which stage a reference means then depends on where it is, which is rarely
what the author intended.

## Example
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM golang:1.22 AS build
RUN go build -o /out/server .
```

## Use instead
```dockerfile
FROM node:22 AS web
RUN npm ci && npm run build

FROM golang:1.22 AS server
RUN go build -o /out/server .
```

## References
- hadolint DL3024: the same check (aliases compared as written, later occurrences reported).
- BuildKit `DuplicateStageName` lower-cases names first; see `duplicate-stage-name` (DF203).
- https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
)md",
};

struct State final : RuleState {
  // Stage name as written (owned by the AST) -> line of its first stage.
  std::unordered_map<std::string_view, uint32_t> first;
};

class DuplicateStageNameLiteral final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!ref.instr.from_name) return;
    const ast::Word& name = *ref.instr.from_name;
    auto& st = static_cast<State&>(*state);
    const auto [it, inserted] = st.first.emplace(name.value, ref.instr.start_line);
    if (inserted) return;
    out.report(name.range,
               fmt::format("stage name '{}' is already used on line {}", name.value, it->second));
  }
};

}  // namespace

const Rule& duplicate_stage_name_literal() {
  static const DuplicateStageNameLiteral rule;
  return rule;
}

}  // namespace dfopt::rules
