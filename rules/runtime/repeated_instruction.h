#pragma once

#include <fmt/format.h>

#include <memory>

#include "dfopt/rule.h"

namespace dfopt::rules::detail {

/// hadolint's "one X per stage" rules (DL4003, DL4004, DL3012): every instruction of `kind`
/// after the first of its stage, reported at its keyword with the line it overrides. Only the
/// metadata differs between CMD, ENTRYPOINT and HEALTHCHECK.
class RepeatedInstruction final : public Rule {
 public:
  constexpr RepeatedInstruction(const RuleInfo& info, ast::InstrKind kind)
      : info_(info), kind_(kind) {}

  const RuleInfo& info() const override { return info_; }
  uint32_t subscriptions() const override { return kind_bit(kind_); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage != st.stage) {
      // A new stage starts with none of its own (hadolint resets at each FROM).
      st.stage = ref.stage;
      st.previous_line = 0;
    }
    if (st.previous_line != 0) {
      std::string_view k = ast::keyword_name(kind_);
      out.report(ref.instr.keyword.range,
                 fmt::format("`{0}` overrides the `{0}` on line {1}; only the last `{0}` of a "
                             "stage takes effect",
                             k, st.previous_line));
    }
    st.previous_line = ref.instr.start_line;
  }

 private:
  struct State final : RuleState {
    uint32_t stage = model::npos;
    uint32_t previous_line = 0;  // of the last instruction of `kind_` in `stage`; 0 if none
  };

  const RuleInfo& info_;
  ast::InstrKind kind_;
};

}  // namespace dfopt::rules::detail
