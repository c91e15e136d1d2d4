#pragma once
// The external image at the root of a stage's FROM chain and what the base-image knowledge base
// knows about it; shared by final-image-runs-as-root, non-numeric-user and
// healthcheck-tool-missing.

#include <string>
#include <string_view>

#include "dfopt/model.h"
#include "rules/base/base_images.h"

namespace dfopt::rules::security {

/// The base image at the root of `stage`'s FROM chain.
struct ChainBase {
  bool scratch = false;                ///< the chain starts from the empty image
  const model::Stage* root = nullptr;  ///< the stage whose FROM names an external image
  kb::ImageFacts facts;                ///< what the knowledge base knows about it
};

inline ChainBase chain_base(const model::Model& m, uint32_t stage) {
  ChainBase out;
  uint32_t s = stage;
  while (s != model::npos && m.stage(s).base_kind == model::BaseKind::stage) s = m.stage(s).parent;
  if (s == model::npos) return out;
  const model::Stage& st = m.stage(s);
  if (st.is_scratch()) {
    out.scratch = true;
    return out;
  }
  out.root = &st;
  // An unresolved reference (`FROM ${BASE}` without a default) names an image we cannot know.
  if (!st.base.unresolved) out.facts = kb::lookup(st.base);
  return out;
}

/// Root as USER values spell it: `root` or `0`, alone or with a group.
inline bool is_root_user(std::string_view u) {
  const std::string_view user = u.substr(0, u.find(':'));
  return user == "root" || user == "0";
}

}  // namespace dfopt::rules::security
