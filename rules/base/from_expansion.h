#pragma once
// Expansion of FROM words (the image and `--platform`) with the names BuildKit matched, which
// model::ExpandedWord does not keep. Shared by the `--platform` rules of category `base`.

#include <optional>
#include <string_view>

#include "dfopt/model.h"
#include "dfopt/word_expansion.h"

namespace dfopt::rules::detail {

/// Expands `word` as buildDispatchStates does for a FROM: ProcessWordWithMatches over the global
/// scope (meta ARGs with their defaults, then BuildKit's predefined platform args). A meta ARG
/// declared without a default is not in that environment, so it counts as unmatched.
inline std::optional<ExpansionError> expand_from_word(const model::Model& m, std::string_view word,
                                                      Expansion& out) {
  const VariableLookup lookup = [&m](std::string_view name) -> std::optional<std::string_view> {
    const model::VarValue v = m.lookup_global(name);
    if (v.is_set()) return v.value;
    return std::nullopt;
  };
  ExpansionOptions options;
  options.escape = m.escape();
  return expand_word(word, lookup, options, out);
}

/// Predefined args that BuildKit sets for FROM but the model does not know yet (BuildKit added
/// the OS versions to defaultArgs after the others).
inline bool is_late_predefined_arg(std::string_view name) {
  return name == "BUILDOSVERSION" || name == "TARGETOSVERSION";
}

}  // namespace dfopt::rules::detail
