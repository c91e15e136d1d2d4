#pragma once
// Small helpers shared by the rules of category `variables`.

#include <string>
#include <string_view>

#include "dfopt/model.h"
#include "dfopt/rule.h"

namespace dfopt::rules::var_util {

/// The word with every leading and trailing `"` and `'` removed (hadolint's dropQuotes).
inline std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// The WORKDIR setting that instruction `instr` (a WORKDIR) creates.
inline const model::WorkdirSetting* own_workdir(const model::Model& m, uint32_t instr) {
  const uint32_t stage = m.stage_of(instr);
  if (stage == model::npos) return nullptr;
  const model::WorkdirSetting* w = instr + 1 < m.stage(stage).end_instr
                                       ? m.workdir_setting_at(instr + 1)
                                       : m.final_workdir(stage);
  return w && w->instr == instr ? w : nullptr;
}

/// Characters that need no quoting or escaping in a Dockerfile word.
inline bool is_plain_path(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = is_ascii_letter(c) || (c >= '0' && c <= '9') ||
                    std::string_view("/._-+@:%,=~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

/// A fix that replaces a relative WORKDIR by the absolute path the model resolved it to, when
/// that path is known (the stage chain starts from `scratch` or an absolute WORKDIR) and the
/// word is plain text; std::nullopt otherwise.
inline std::optional<Fix> absolute_workdir_fix(const FileContext& file, const InstrRef& ref) {
  const ast::Instruction& ins = ref.instr;
  if (ref.in_onbuild || ins.args.size() != 1) return std::nullopt;
  const model::WorkdirSetting* w = own_workdir(file.model, ref.index);
  if (!w || w->unresolved || w->relative_to_unknown_base || !w->valid) return std::nullopt;
  if (!is_plain_path(ins.args[0].value) || !is_plain_path(w->path)) return std::nullopt;
  if (file.source.slice(ins.args[0].range) != ins.args[0].value) return std::nullopt;
  Fix fix;
  fix.title = "Use the absolute path `" + w->path + "`";
  fix.applicability = Applicability::safe;
  fix.edits.push_back({ins.args[0].range, w->path});
  return fix;
}

}  // namespace dfopt::rules::var_util
