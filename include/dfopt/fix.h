#pragma once

#include <string>
#include <vector>

#include "dfopt/source.h"

namespace dfopt {

/// Replace the bytes of `range` in the original text with `replacement`.
struct Edit {
  TextRange range;
  std::string replacement;
};

/// How safe a fix is (ruff's model): `safe` keeps the image's behaviour, `unsafe` may change it,
/// `display_only` is shown but never applied.
enum class Applicability : uint8_t { safe, unsafe, display_only };

/// A set of edits that fix one diagnostic. Edits are sorted by range and do not overlap.
struct Fix {
  std::string title;  ///< what the fix does, e.g. "Replace `ADD` with `COPY`"
  std::vector<Edit> edits;
  Applicability applicability = Applicability::safe;
};

}  // namespace dfopt
