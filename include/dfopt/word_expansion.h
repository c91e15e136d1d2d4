#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt {

/// Looks up a variable; std::nullopt when it is not set (set-but-empty is "").
/// The returned view must stay valid until the expansion call returns. An empty std::function
/// means "no variable is set".
using VariableLookup = std::function<std::optional<std::string_view>(std::string_view name)>;

/// Options of BuildKit's shell lexer (frontend/dockerfile/shell/lex.go).
struct ExpansionOptions {
  char escape = '\\';                ///< the Dockerfile's escape token: '\\' or '`'
  bool raw_quotes = false;           ///< keep quote characters in the result
  bool raw_escapes = false;          ///< keep escape characters in the result
  bool skip_unset = false;           ///< leave `$VAR`, `${VAR...}` of unset variables as written
  bool skip_process_quotes = false;  ///< treat quotes as ordinary characters
};

/// The outcome of expanding one word or a word list.
///
/// Both functions clear every field first, so one Expansion can be reused across calls without
/// reallocating. On error `value` and `words` are empty, while `matched` and `unmatched` keep the
/// names looked up before the error (as BuildKit's ProcessWordWithMatches does).
struct Expansion {
  std::string value;               ///< the expanded word (both functions fill it)
  std::vector<std::string> words;  ///< expand_words only: the expanded, split words
  /// Variables that were looked up and set, unique, in lookup order. BuildKit looks a variable up
  /// after expanding its modifier word, so `${A:-$B}` records B before A.
  std::vector<std::string> matched;
  /// Variables that were looked up and unset, unique, in lookup order (BuildKit's "unmatched").
  /// Positional and special parameters (`$1`, `$@`...) are never set and so land here.
  std::vector<std::string> unmatched;
};

/// An expansion error, e.g. an unterminated quote or `${x:?msg}` with x unset. The message
/// follows BuildKit's wording: `failed to process "<word>": <reason>`.
struct ExpansionError {
  std::string message;
};

/// Expands `word` as BuildKit's ProcessWord does: quote removal, escapes and `$VAR`, `${VAR}`,
/// `${VAR:-x}`, `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`, `${VAR:?x}`, `${VAR?x}` and the pattern forms
/// (`${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}`, `${VAR/p/r}`, `${VAR//p/r}`), with no word
/// splitting. Returns the result in `value`, or an error.
///
/// Text is UTF-8; where Go decodes runes this does too, so an invalid byte that BuildKit's scanner
/// reads becomes U+FFFD in the result exactly as it does in BuildKit.
std::optional<ExpansionError> expand_word(std::string_view word, const VariableLookup& lookup,
                                          const ExpansionOptions& options, Expansion& out);

/// Expands and splits `text` into words as BuildKit's ProcessWords does: unquoted whitespace
/// separates words, an unquoted variable's value is split on whitespace, quotes are removed and
/// empty words are dropped. An unquoted `<<` keeps the blanks after it in its word (BuildKit's
/// heredoc detection relies on that). `value` receives the unsplit expansion.
std::optional<ExpansionError> expand_words(std::string_view text, const VariableLookup& lookup,
                                           const ExpansionOptions& options, Expansion& out);

}  // namespace dfopt
