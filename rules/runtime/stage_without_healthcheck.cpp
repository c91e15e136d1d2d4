#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3057"};

constexpr RuleInfo kInfo{
    .id = "DF411",
    .name = "stage-without-healthcheck",
    .category = Category::runtime,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "build stage without `HEALTHCHECK`",
    .docs = R"md(## What it does
Flags each build stage (at its `FROM`) that has no `HEALTHCHECK` instruction, unless it builds
`FROM` an earlier stage of the file that has one, directly or through its own parent.
`HEALTHCHECK NONE` counts as a health check setting; an `ONBUILD HEALTHCHECK` does not.

This rule is off by default, as in hadolint: it also reports build-only stages whose image never
runs. `no-healthcheck` (DF412) asks for one `HEALTHCHECK` in the whole file instead.

## Why is this bad?
Without a health check, Docker and orchestrators that read the image's health status only know
whether the main process is alive, not whether it still answers. A wedged server keeps receiving
traffic and is never restarted.

## Example
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-fsS", "http://localhost/"]
```

## References
- hadolint DL3057: the same check. hadolint matches the `FROM` image text against the earlier
  stage names as written, and names an unaliased stage by its image; dfopt follows BuildKit's
  stage resolution (the `FROM` text against lower-cased `AS` names), so a second `FROM alpine`
  does not inherit from an earlier `FROM alpine` that has a `HEALTHCHECK`.
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

struct State final : RuleState {
  std::vector<uint8_t> has_healthcheck;  // per stage
};

class StageWithoutHealthcheck final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::healthcheck); }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->has_healthcheck.assign(file.model.stages().size(), 0);
    return st;
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state, Reporter&) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage < st.has_healthcheck.size()) st.has_healthcheck[ref.stage] = 1;
  }

  void finish(const FileContext& file, RuleState* state, Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const model::Model& m = file.model;
    // Parents come before their children, so one pass in stage order propagates.
    for (const model::Stage& s : m.stages()) {
      uint8_t& ok = st.has_healthcheck[s.index];
      if (!ok && s.parent != model::npos && s.parent < s.index) ok = st.has_healthcheck[s.parent];
      if (ok) continue;
      out.report(file.ast.instructions[s.from_instr].keyword.range,
                 fmt::format("{} has no `HEALTHCHECK`", runtime::stage_label(m, s.index)));
    }
  }
};

}  // namespace

const Rule& stage_without_healthcheck() {
  static const StageWithoutHealthcheck rule;
  return rule;
}

}  // namespace dfopt::rules
