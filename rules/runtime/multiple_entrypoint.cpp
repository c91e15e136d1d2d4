#include <fmt/format.h>

#include "dfopt/rule.h"

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

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t previous_line = 0;  // of the last ENTRYPOINT in `stage`; 0 when none yet
};

class MultipleEntrypoint final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::entrypoint); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage != st.stage) {
      // A new stage starts with no ENTRYPOINT of its own (hadolint resets at each FROM).
      st.stage = ref.stage;
      st.previous_line = 0;
    }
    if (st.previous_line != 0) {
      out.report(
          ref.instr.keyword.range,
          fmt::format(
              "`ENTRYPOINT` overrides the `ENTRYPOINT` on line {}; only the last `ENTRYPOINT` of a "
              "stage takes effect",
              st.previous_line));
    }
    st.previous_line = ref.instr.start_line;
  }
};

}  // namespace

const Rule& multiple_entrypoint() {
  static const MultipleEntrypoint rule;
  return rule;
}

}  // namespace dfopt::rules
