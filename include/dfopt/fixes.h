#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dfopt/diagnostic.h"

namespace dfopt {

/// Applies the fixes of `diagnostics` to `text` (the text the diagnostics were computed on):
/// safe fixes always, unsafe ones when `unsafe`, display-only ones never. Fixes are taken in
/// order of their first edit; a fix with an edit that overlaps (or touches at the same offset)
/// an edit already applied is skipped whole, so one pass never produces a mix of two fixes.
/// Callers re-lint and call again to reach a fixpoint (ruff's loop).
std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics,
                        bool unsafe);

/// The number of fixes apply_fixes would apply (same rules), for reports.
size_t count_applicable_fixes(const std::vector<Diagnostic>& diagnostics, bool unsafe);

}  // namespace dfopt
