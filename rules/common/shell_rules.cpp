#include "rules/common/shell_rules.h"

namespace dfopt::rules::sh {

const shell::Script* run_script(const FileContext& file, const InstrRef& ref) {
  if (ref.instr.kind != ast::InstrKind::run) return nullptr;
  const shell::Script& s = file.script(ref.index);
  return s.is_sh() ? &s : nullptr;
}

bool has_cache_mount(const FileContext& file, const InstrRef& ref, std::string_view fragment) {
  if (ref.in_onbuild) return false;
  for (const model::RunMount& m : file.model.mounts(ref.index)) {
    if ((m.type == "cache" || m.type == "tmpfs") &&
        m.target.find(fragment) != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool final_or_base_stage(const model::Model& model, uint32_t stage) {
  const auto stages = model.stages();
  if (stage == model::npos || stage >= stages.size()) return false;
  if (stage + 1 == stages.size()) return true;
  for (size_t s = stage + 1; s < stages.size(); ++s) {
    if (stages[s].base_kind == model::BaseKind::stage && stages[s].parent == stage) return true;
  }
  return false;
}

}  // namespace dfopt::rules::sh
