#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dfopt/expected.h"

namespace dfopt::cli {

/// Replaces the contents of the existing file `path` with `text`, atomically: the new text goes
/// to a temporary file in the same directory, which gets the original's mode and owner, is
/// flushed to disk and renamed over the original (a symbolic link is followed, so the link
/// stays and its target changes). Nothing is written when the file no longer holds `expected`
/// (it changed since it was read). On any failure the original is untouched and the temporary
/// file removed. A file with several hard links is written through the one given, which then
/// becomes a separate file (rename cannot update the other links).
/// Returns the error, or std::nullopt on success.
std::optional<Error> replace_file(const std::string& path, std::string_view expected,
                                  std::string_view text);

}  // namespace dfopt::cli
