#include <algorithm>
#include <array>
#include <exception>

#include <fmt/format.h>

#include "dfopt/engine.h"

namespace dfopt {
namespace {

class Collector final : public Reporter {
 public:
  Collector(std::vector<Diagnostic>& out, const RuleInfo& info) : out_(out), info_(info) {}
  void report(TextRange range, std::string message, std::optional<Fix> fix) override {
    out_.push_back({std::string(info_.id), info_.severity, std::move(message), range, std::move(fix)});
  }

 private:
  std::vector<Diagnostic>& out_;
  const RuleInfo& info_;
};

void internal_error(std::vector<Diagnostic>& out, const RuleInfo& info, TextRange range,
                    const char* what) {
  out.push_back({"internal-error", Severity::error,
                 fmt::format("rule {} ({}) failed: {}; please report this bug", info.id,
                             info.name, what),
                 range});
}

}  // namespace

std::vector<Diagnostic> run_rules(std::span<const Rule* const> rules, const FileContext& file) {
  std::vector<Diagnostic> out;
  const size_t n = rules.size();
  std::vector<std::unique_ptr<RuleState>> states(n);
  std::vector<bool> failed(n, false);
  // Rules by instruction kind, so that each instruction costs only its subscribers.
  constexpr size_t kKinds = static_cast<size_t>(ast::InstrKind::unknown) + 1;
  std::array<std::vector<uint32_t>, kKinds> by_kind;
  std::array<std::vector<uint32_t>, kKinds> onbuild_by_kind;
  for (uint32_t r = 0; r < n; ++r) {
    try {
      states[r] = rules[r]->start(file);
    } catch (const std::exception& e) {
      internal_error(out, rules[r]->info(), {0, 0}, e.what());
      failed[r] = true;
      continue;
    }
    uint32_t mask = rules[r]->subscriptions();
    for (size_t k = 0; k < kKinds; ++k) {
      if (mask & (1u << k)) {
        by_kind[k].push_back(r);
        if (rules[r]->wants_onbuild()) onbuild_by_kind[k].push_back(r);
      }
    }
  }
  auto dispatch = [&](uint32_t r, const InstrRef& ref) {
    if (failed[r]) return;
    Collector reporter(out, rules[r]->info());
    try {
      rules[r]->check(file, ref, states[r].get(), reporter);
    } catch (const std::exception& e) {
      internal_error(out, rules[r]->info(), ref.instr.range, e.what());
      failed[r] = true;
    }
  };
  const auto& instrs = file.ast.instructions;
  for (uint32_t i = 0; i < instrs.size(); ++i) {
    const ast::Instruction& ins = instrs[i];
    uint32_t stage = file.model.instruction_count() > i ? file.model.stage_of(i) : model::npos;
    InstrRef ref{ins, i, stage, false};
    for (uint32_t r : by_kind[static_cast<size_t>(ins.kind)]) dispatch(r, ref);
    if (ins.kind == ast::InstrKind::onbuild && ins.inner) {
      InstrRef inner{*ins.inner, i, stage, true};
      for (uint32_t r : onbuild_by_kind[static_cast<size_t>(ins.inner->kind)]) dispatch(r, inner);
    }
  }
  for (uint32_t r = 0; r < n; ++r) {
    if (failed[r]) continue;
    Collector reporter(out, rules[r]->info());
    try {
      rules[r]->finish(file, states[r].get(), reporter);
    } catch (const std::exception& e) {
      internal_error(out, rules[r]->info(), {0, 0}, e.what());
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.code < b.code;
  });
  return out;
}

}  // namespace dfopt
