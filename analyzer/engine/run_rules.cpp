#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <exception>
#include <optional>

#include "dfopt/engine.h"

namespace dfopt {
namespace {

class Collector final : public Reporter {
 public:
  Collector(std::vector<Diagnostic>& out, const RuleInfo& info) : out_(out), info_(info) {}
  void report(TextRange range, std::string message, std::optional<Fix> fix) override {
    out_.push_back(
        {std::string(info_.id), info_.severity, std::move(message), range, std::move(fix)});
  }

 private:
  std::vector<Diagnostic>& out_;
  const RuleInfo& info_;
};

void internal_error(std::vector<Diagnostic>& out, const RuleInfo& info, TextRange range,
                    const char* what) {
  out.push_back(
      {"internal-error", Severity::error,
       fmt::format("rule {} ({}) failed: {}; please report this bug", info.id, info.name, what),
       range});
}

constexpr size_t kKinds = static_cast<size_t>(ast::InstrKind::unknown) + 1;

/// Which rules each instruction kind goes to. It depends only on the rule list, which is the
/// same for every file of a run, so each thread keeps the last one instead of rebuilding it per
/// file (a batch would otherwise allocate two dozen vectors per file).
struct DispatchPlan {
  std::vector<const Rule*> rules;  // the list the plan was built for
  std::vector<const RuleInfo*> infos;
  std::array<std::vector<uint32_t>, kKinds> by_kind;
  std::array<std::vector<uint32_t>, kKinds> onbuild_by_kind;

  bool matches(std::span<const Rule* const> list) const {
    return std::equal(rules.begin(), rules.end(), list.begin(), list.end());
  }

  void build(std::span<const Rule* const> list) {
    rules.assign(list.begin(), list.end());
    infos.clear();
    for (auto& v : by_kind) v.clear();
    for (auto& v : onbuild_by_kind) v.clear();
    for (uint32_t r = 0; r < rules.size(); ++r) {
      infos.push_back(&rules[r]->info());
      const uint32_t mask = rules[r]->subscriptions();
      const bool onbuild = rules[r]->wants_onbuild();
      for (size_t k = 0; k < kKinds; ++k) {
        if (!(mask & (1u << k))) continue;
        by_kind[k].push_back(r);
        if (onbuild) onbuild_by_kind[k].push_back(r);
      }
    }
  }
};

}  // namespace

std::vector<Diagnostic> run_rules(std::span<const Rule* const> rules, const FileContext& file) {
  // A rule that runs rules itself (none does today) gets a plan of its own, so that the cached
  // one never changes under a caller.
  thread_local DispatchPlan cached;
  thread_local int depth = 0;
  std::optional<DispatchPlan> nested;
  if (depth == 0) {
    if (!cached.matches(rules)) cached.build(rules);
  } else {
    nested.emplace().build(rules);
  }
  const DispatchPlan& p = nested ? *nested : cached;
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& v) : d(v) { ++d; }
    ~DepthGuard() { --d; }
  } guard(depth);

  std::vector<Diagnostic> out;
  const size_t n = rules.size();
  std::vector<std::unique_ptr<RuleState>> states(n);
  // A rule that threw is not called again for this file.
  std::vector<char> failed(n, 0);
  for (uint32_t r = 0; r < n; ++r) {
    try {
      states[r] = rules[r]->start(file);
    } catch (const std::exception& e) {
      internal_error(out, *p.infos[r], {0, 0}, e.what());
      failed[r] = 1;
    }
  }
  auto dispatch = [&](uint32_t r, const InstrRef& ref) {
    if (failed[r]) return;
    Collector reporter(out, *p.infos[r]);
    try {
      rules[r]->check(file, ref, states[r].get(), reporter);
    } catch (const std::exception& e) {
      internal_error(out, *p.infos[r], ref.instr.range, e.what());
      failed[r] = 1;
    }
  };
  const auto& instrs = file.ast.instructions;
  const uint32_t modelled = file.model.instruction_count();
  for (uint32_t i = 0; i < instrs.size(); ++i) {
    const ast::Instruction& ins = instrs[i];
    const auto& subscribers = p.by_kind[static_cast<size_t>(ins.kind)];
    const bool onbuild = ins.kind == ast::InstrKind::onbuild && ins.inner;
    if (subscribers.empty() && !onbuild) continue;
    const uint32_t stage = i < modelled ? file.model.stage_of(i) : model::npos;
    const InstrRef ref{ins, i, stage, false};
    for (uint32_t r : subscribers) dispatch(r, ref);
    if (onbuild) {
      const InstrRef inner{*ins.inner, i, stage, true};
      for (uint32_t r : p.onbuild_by_kind[static_cast<size_t>(ins.inner->kind)]) {
        dispatch(r, inner);
      }
    }
  }
  for (uint32_t r = 0; r < n; ++r) {
    if (failed[r]) continue;
    Collector reporter(out, *p.infos[r]);
    try {
      rules[r]->finish(file, states[r].get(), reporter);
    } catch (const std::exception& e) {
      internal_error(out, *p.infos[r], {0, 0}, e.what());
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.code < b.code;
  });
  return out;
}

}  // namespace dfopt
