#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "dfopt/ast.h"
#include "dfopt/source.h"

/// The Dockerfile formatter: rewrites layout only (keyword case, indentation, spaces, blank
/// lines), never what BuildKit reads. See docs/format.md for the style.
namespace dfopt {

enum class KeywordCase : uint8_t {
  upper,     ///< `RUN`, `FROM ... AS ...` (the default)
  lower,     ///< `run`, `from ... as ...`
  preserve,  ///< as written
};

struct FormatOptions {
  KeywordCase keyword_case = KeywordCase::upper;
  /// Spaces before each continuation line of an instruction.
  uint32_t indent = 4;
};

/// The canonical layout of `source`, whose parsed tree is `ast`; `ast` must come from a parse
/// without errors (format_source checks that). The result is idempotent (formatting it again
/// changes nothing) and builds the same image: keyword case, the blanks after a keyword, the
/// indentation of continuation lines and of comments, the blanks around a line continuation,
/// trailing blanks and runs of blank lines are rewritten; flags keep their order; the contents of
/// heredocs, JSON arrays and quoted strings, comments, line endings (LF or CRLF), the byte-order
/// mark and the escape character are kept. Blanks next to a continuation are only changed where
/// they separate words outside quotes, so no word is joined or split.
std::string format(const SourceFile& source, const ast::Dockerfile& ast,
                   const FormatOptions& options = {});

struct FormatResult {
  std::string text;  ///< the formatted text; the input unchanged when `error` is set
  /// Why the file was left unchanged: the first syntax error, as "line:column: message".
  std::optional<std::string> error;
  bool changed = false;  ///< `text` differs from the input
};

/// Parses `source` and formats it; a file that does not parse is returned unchanged with the
/// reason.
FormatResult format_source(const SourceFile& source, const FormatOptions& options = {});

}  // namespace dfopt
