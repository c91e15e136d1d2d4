#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/expected.h"

namespace dfopt::cli {

/// Replaces the contents of the existing file `path` with `text`, atomically: the new text goes
/// to a temporary file in the same directory, which gets the original's mode and owner and is
/// renamed over the original (a symbolic link is followed, so the link stays and its target
/// changes). A process killed at any point leaves the old file or the new one, never a mix.
/// Like editors' atomic saves, it does not force the data to disk (thousands of fsync calls
/// would cost more than checking the files): after a power loss the file system's own rules
/// apply (ext4 and btrfs flush a file's data before a rename over it commits). Nothing is
/// written when the file no longer holds `expected` (it changed since it was read). On any
/// failure the original is untouched and the temporary file removed. A file with several hard
/// links is written through the one given, which then becomes a separate file (rename cannot
/// update the other links).
/// Returns the error, or std::nullopt on success.
std::optional<Error> replace_file(const std::string& path, std::string_view expected,
                                  std::string_view text);

struct Replacement {
  std::string path;
  std::string_view expected;
  std::string_view text;
};

/// replace_file for several files at once: every new text goes to its temporary file, then each
/// is renamed over its original. SIGINT, SIGTERM and SIGHUP wait until the batch is done, so an
/// interruption leaves every file old or new and no temporary file behind.
/// Returns one result per file, in order.
std::vector<std::optional<Error>> replace_files(std::span<const Replacement> files);

}  // namespace dfopt::cli
