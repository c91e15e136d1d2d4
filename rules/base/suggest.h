#pragma once
// "Did you mean" for names, as BuildKit's util/suggest.Search picks it: the candidate with the
// smallest Levenshtein distance below 3, the first one on ties; an exact match means there is
// nothing to suggest. Shared by the rules of categories `stages` and `base`.

#include <algorithm>
#include <span>
#include <string_view>
#include <vector>

namespace dfopt::rules::detail {

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Levenshtein distance over bytes (every name it compares is ASCII), optionally ignoring case.
inline size_t levenshtein(std::string_view a, std::string_view b, bool case_sensitive = true) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      const bool same =
          case_sensitive ? a[i - 1] == b[j - 1] : ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

/// The closest of `candidates` to `name` (distance < 3), or "" when none is close or one is
/// equal to it. Case-insensitive comparison counts a difference in case alone as distance 0, so
/// the candidate that differs only in case is suggested.
inline std::string_view closest_name(std::string_view name,
                                     std::span<const std::string_view> candidates,
                                     bool case_sensitive = true) {
  std::string_view match;
  size_t best = 3;
  for (std::string_view c : candidates) {
    if (c == name) return {};
    const size_t d = levenshtein(name, c, case_sensitive);
    if (d < best) {
      best = d;
      match = c;
    }
  }
  return match;
}

}  // namespace dfopt::rules::detail
