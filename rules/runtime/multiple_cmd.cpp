#include <fmt/format.h>

#include "dfopt/rule.h"

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

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t previous_line = 0;  // of the last CMD in `stage`; 0 when none yet
};

class MultipleCmd final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::cmd); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage != st.stage) {
      // A new stage starts with no CMD of its own (hadolint resets at each FROM).
      st.stage = ref.stage;
      st.previous_line = 0;
    }
    if (st.previous_line != 0) {
      out.report(ref.instr.keyword.range,
                 fmt::format("`CMD` overrides the `CMD` on line {}; only the last `CMD` of a "
                             "stage takes effect",
                             st.previous_line));
    }
    st.previous_line = ref.instr.start_line;
  }
};

}  // namespace

const Rule& multiple_cmd() {
  static const MultipleCmd rule;
  return rule;
}

}  // namespace dfopt::rules
