#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DuplicateStageName"};

constexpr RuleInfo kInfo{
    .id = "DF203",
    .name = "duplicate-stage-name",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "two stages have the same name",
    .docs = R"md(## What it does
Flags a `FROM ... AS <name>` whose name, compared case-insensitively, was already given to an
earlier stage. Every later occurrence is reported; the first is not.

## Why is this bad?
BuildKit lower-cases stage names and keeps one stage per name: `COPY --from=<name>`,
`RUN --mount=from=<name>` and `--target` reach the last stage with that name, while a `FROM <name>`
reaches the last one defined above it. Which stage a reference means then depends on where it is,
which is rarely what the author intended.

## Example
```dockerfile
FROM node:22 AS build
RUN npm ci && npm run build

FROM golang:1.22 AS Build
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
- BuildKit `DuplicateStageName`: the same check (names lower-cased, later occurrences reported).
- hadolint DL3024 compares names case-sensitively (`build` and `Build` pass there), Trivy DS-0012
  reports the earlier occurrences instead and skips two identical `FROM` lines, and Checkov
  CKV_DOCKER_11 only sees a lower-case ` as ` and reports the first `FROM` of the file once; none
  is an alias. `duplicate-stage-name-literal` (DF209) is hadolint's check exactly.
- https://docs.docker.com/reference/build-checks/duplicate-stage-name/
)md",
};

struct State final : RuleState {
  // Lower-cased stage name (owned by the model) -> line of the first stage with that name.
  std::unordered_map<std::string_view, uint32_t> first;
};

class DuplicateStageName final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (ref.stage == model::npos || !ref.instr.from_name) return;
    const model::Stage& stage = file.model.stage(ref.stage);
    // An invalid name is a parse error in BuildKit, before any check runs.
    if (stage.name.empty() || !stage.name_valid) return;
    auto& st = static_cast<State&>(*state);
    const auto [it, inserted] = st.first.emplace(stage.name, ref.instr.start_line);
    if (inserted) return;
    out.report(ref.instr.from_name->range,
               fmt::format("duplicate stage name '{}' (first defined on line {})",
                           ref.instr.from_name->value, it->second));
  }
};

}  // namespace

const Rule& duplicate_stage_name() {
  static const DuplicateStageName rule;
  return rule;
}

}  // namespace dfopt::rules
