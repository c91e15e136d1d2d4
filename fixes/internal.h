#pragma once

// Helpers shared by fixes/*.cpp. Private to libdfopt.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/diagnostic.h"
#include "dfopt/fix.h"

namespace dfopt::detail {

/// select_fixes over pointers: indexes into `diagnostics` of the fixes one pass applies.
std::vector<size_t> select_fix_indexes(std::span<const Diagnostic* const> diagnostics, bool unsafe,
                                       size_t text_size);

/// `text` with `edits` (disjoint, on `text`'s offsets) applied.
std::string splice(std::string_view text, std::vector<const Edit*> edits);

}  // namespace dfopt::detail
