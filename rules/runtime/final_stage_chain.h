#pragma once
// The instructions that shape the image a build produces: the target stage and the stages it is
// built FROM, walked from the target upwards. Shared by the final-image runtime rules.

#include <cstdint>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/model.h"

namespace dfopt::rules::runtime {

/// The target stage and its FROM ancestors inside the file, target first.
inline std::vector<uint32_t> target_chain(const model::Model& m) {
  std::vector<uint32_t> chain;
  uint32_t s = m.target_stage();
  // Parents precede their children, so the walk ends; the bound guards a malformed model.
  while (s != model::npos && chain.size() <= m.stages().size()) {
    chain.push_back(s);
    s = m.stage(s).base_kind == model::BaseKind::stage ? m.stage(s).parent : model::npos;
  }
  return chain;
}

/// The last top-level instruction of `kind` that the produced image inherits (the target's own
/// first, then its parents'), or model::npos. ONBUILD bodies are not counted.
inline uint32_t last_in_chain(const ast::Dockerfile& file, const std::vector<uint32_t>& chain,
                              const model::Model& m, ast::InstrKind kind) {
  for (uint32_t s : chain) {
    const model::Stage& st = m.stage(s);
    for (uint32_t i = st.end_instr; i > st.body_begin(); --i) {
      if (file.instructions[i - 1].is(kind)) return i - 1;
    }
  }
  return model::npos;
}

}  // namespace dfopt::rules::runtime
