#pragma once
// Helpers shared by the security rules (DF3xx): USER values, secret-looking variable names, and
// the scope of ONBUILD triggers. Header-only.

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/model.h"

namespace dfopt::rules::security {

/// "stage 'build'" for a named stage, "stage 2" for an unnamed one.
inline std::string stage_label(const model::Model& m, uint32_t stage) {
  if (stage == model::npos || stage >= m.stages().size()) return "the global scope";
  const model::Stage& s = m.stage(stage);
  if (!s.name.empty()) return fmt::format("stage '{}'", s.name);
  return fmt::format("stage {}", stage);
}

/// For each stage, the first stage that builds FROM it and that BuildKit dispatches with ONBUILD
/// triggers, or npos. BuildKit runs a stage's ONBUILD triggers at the start of every stage built
/// FROM it, but only for stages the target reaches (dockerfile2llb `initOnBuildTriggers` is
/// called for `allReachable` only, even under `--check`).
inline std::vector<uint32_t> onbuild_trigger_children(const model::Model& m) {
  std::vector<uint32_t> child(m.stages().size(), model::npos);
  for (const model::Stage& s : m.stages()) {
    if (s.parent == model::npos || !m.is_reachable(s.index)) continue;
    if (child[s.parent] == model::npos) child[s.parent] = s.index;
  }
  return child;
}

/// The USER argument as written (BuildKit's parseString value), "" when missing.
inline const ast::Word* user_word(const ast::Instruction& ins) {
  return ins.args.empty() ? nullptr : &ins.args.front();
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

/// Whether one of the `_`-separated parts of `name` equals one of `tokens`, ignoring case. This
/// is BuildKit's `(?i)(?:_|^)(?:tok1|tok2...)(?:_|$)` without a regex: as no token contains `_`,
/// a match is exactly a whole part between underscores or the ends of the name.
inline bool has_token(std::string_view name, std::span<const std::string_view> tokens) {
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('_', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    for (std::string_view t : tokens) {
      if (iequals(part, t)) return true;
    }
    start = end + 1;
  }
  return false;
}

}  // namespace dfopt::rules::security
