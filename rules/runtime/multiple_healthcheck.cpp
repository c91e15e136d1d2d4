#include <fmt/format.h>

#include "dfopt/rule.h"

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

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t previous_line = 0;  // of the last HEALTHCHECK in `stage`; 0 when none yet
};

class MultipleHealthcheck final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::healthcheck); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage != st.stage) {
      // A new stage starts with no HEALTHCHECK of its own (hadolint resets at each FROM).
      st.stage = ref.stage;
      st.previous_line = 0;
    }
    if (st.previous_line != 0) {
      out.report(ref.instr.keyword.range,
                 fmt::format("`HEALTHCHECK` overrides the `HEALTHCHECK` on line {}; only the last "
                             "`HEALTHCHECK` of a "
                             "stage takes effect",
                             st.previous_line));
    }
    st.previous_line = ref.instr.start_line;
  }
};

}  // namespace

const Rule& multiple_healthcheck() {
  static const MultipleHealthcheck rule;
  return rule;
}

}  // namespace dfopt::rules
