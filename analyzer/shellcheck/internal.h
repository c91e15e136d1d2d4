#pragma once

// Private to libdfopt: the mapping from ShellCheck's positions back to the Dockerfile, shared by
// to_diagnostic() and check().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/shellcheck.h"

namespace dfopt::shellcheck {

/// Turns comments on one Script into diagnostics. Built once per script (it indexes the lines
/// of the script text); each comment then costs the length of its lines.
class Locator {
 public:
  explicit Locator(const Script& script);

  Diagnostic diagnostic(const Comment& comment) const;

  /// Offset in the script text of a 1-based line and character column, clamped to the line:
  /// ShellCheck counts a well-formed UTF-8 sequence, a tab or any other byte as one column.
  uint32_t offset(Position p) const;

  /// dfopt's message style: no final period, and the first word in lower case unless it is a
  /// name or an acronym.
  static std::string style_message(uint32_t code, std::string_view message);

 private:
  /// The last piece that starts at or before `off`, or nullptr.
  const ast::SourceMap::Piece* piece(uint32_t off) const;
  /// Source offset of script offset `off`: exact inside a piece; after a piece (in a line break
  /// BuildKit inserted, at the end of the text) the end of that piece; nullopt before the first
  /// piece (the shebang and the exports).
  std::optional<uint32_t> source(uint32_t off) const;

  const Script& script_;
  std::vector<uint32_t> starts_;  ///< offset of each line of the script text
};

}  // namespace dfopt::shellcheck
