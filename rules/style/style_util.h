#pragma once
// Small helpers shared by the rules of category `style`.

#include <string>
#include <string_view>

#include "dfopt/word_expansion.h"

namespace dfopt::rules::style_util {

/// A word with BuildKit's quote and escape processing but no variable expansion (`$VAR` kept as
/// written): what hadolint's parser (language-docker) reports for LABEL keys and values. Falls back
/// to the raw text when the word does not process (an unterminated quote).
inline std::string unquote(std::string_view raw, char escape) {
  if (raw.find_first_of("\"'\\`$") == std::string_view::npos) return std::string(raw);
  ExpansionOptions options;
  options.escape = escape;
  options.skip_unset = true;
  Expansion out;
  if (expand_word(raw, VariableLookup(), options, out)) return std::string(raw);
  return std::move(out.value);
}

inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace dfopt::rules::style_util
