#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dfopt/expected.h"

/// Finding the Dockerfiles under the paths given to `dfopt check`.
namespace dfopt::cli {

/// Whether a file name (no directory) names a Dockerfile: `Dockerfile` or `Containerfile` in any
/// case, alone or joined by '.', '-' or '_' to a prefix or suffix (`Dockerfile.alpine`,
/// `api.Dockerfile`, `Dockerfile-windows`, `Dockerfile_test`), except templates and ignore files
/// (`.template`, `.tmpl`, `.j2`, `.erb`, `.in`, `.m4`, `.dockerignore`).
bool is_dockerfile_name(std::string_view name);

/// The patterns of one .gitignore file, with git's semantics for `*`, `?`, `[...]`, `**`, a
/// leading or inner '/' (anchored to the file's directory), a trailing '/' (directories only),
/// `!` (re-include) and `\` escapes.
class GitIgnore {
 public:
  GitIgnore() = default;
  /// `base` is the directory of the .gitignore, relative to the walk root ("" for the root).
  GitIgnore(std::string base, std::string_view text);

  enum class Match { none, ignored, included };
  /// The last pattern matching `path` (relative to the walk root, '/'-separated) decides.
  Match match(std::string_view path, bool is_dir) const;

 private:
  struct Pattern {
    std::string glob;
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  ///< contains a '/': matched against the path relative to `base_`
  };
  std::string base_;
  std::vector<Pattern> patterns_;
};

/// The files to check for `paths`, in a deterministic order: each argument in the order given,
/// a file as is (whatever its name; "-" stays "-"), a directory as the sorted list of the
/// Dockerfiles below it. Walks skip `.git` and `node_modules` and what the walked directories'
/// .gitignore files exclude; symbolic links to directories are not followed. Duplicates are
/// dropped. Paths that do not exist are reported in `errors` (kind io).
/// A directory tree discovery walked: its absolute path and the config files it holds
/// (`.dfopt.yaml`, `dfopt.yaml`, `.hadolint.yaml`, `.hadolint.yml`, as absolute paths), for
/// ConfigFinder::add_listing.
struct Listing {
  std::string dir;
  std::vector<std::string> config_files;
};

std::vector<std::string> discover(const std::vector<std::string>& paths, std::vector<Error>& errors,
                                  std::vector<Listing>* listings = nullptr);

}  // namespace dfopt::cli
