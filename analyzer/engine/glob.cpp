#include "dfopt/glob.h"

namespace dfopt {
namespace {

/// Matches a bracket expression at p[0] == '[' against `c`. Sets `len` to the expression's
/// length; returns false with len == 0 when the bracket is not closed (then '[' is literal).
bool match_class(std::string_view p, char c, size_t& len) {
  size_t i = 1;
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (i < p.size() && (first || p[i] != ']')) {
    first = false;
    char lo = p[i];
    if (lo == '\\' && i + 1 < p.size()) lo = p[++i];
    ++i;
    char hi = lo;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
      hi = p[i + 1];
      if (hi == '\\' && i + 2 < p.size()) {
        hi = p[i + 2];
        ++i;
      }
      i += 2;
    }
    if (c >= lo && c <= hi) matched = true;
  }
  if (i >= p.size()) {
    len = 0;
    return false;
  }
  len = i + 1;  // past ']'
  return matched != negate && c != '/';
}

bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    const char c = p[0];
    if (c == '*' && p.size() >= 2 && p[1] == '*') {
      // `**` counts as "any path" only as a whole segment; elsewhere it is a plain `*`.
      size_t stars = 2;
      while (stars < p.size() && p[stars] == '*') ++stars;
      std::string_view rest = p.substr(stars);
      if (rest.empty()) return true;  // `a/**`: everything below
      if (rest[0] == '/') {
        rest.remove_prefix(1);
        // `**/` matches zero or more whole segments.
        for (size_t i = 0; i <= s.size(); ++i) {
          if ((i == 0 || s[i - 1] == '/') && match(rest, s.substr(i))) return true;
        }
        return false;
      }
      p = p.substr(stars - 1);  // treat as a single `*`
      continue;
    }
    if (c == '*') {
      std::string_view rest = p.substr(1);
      for (size_t i = 0; i <= s.size(); ++i) {
        if (match(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s[0] == '/') return false;
      p.remove_prefix(1);
      s.remove_prefix(1);
      continue;
    }
    if (c == '[') {
      size_t len = 0;
      const bool ok = match_class(p, s[0], len);
      if (len != 0) {
        if (!ok) return false;
        p.remove_prefix(len);
        s.remove_prefix(1);
        continue;
      }
      // An unclosed '[' is literal.
    }
    char lit = c;
    if (c == '\\' && p.size() >= 2) {
      lit = p[1];
      p.remove_prefix(1);
    }
    if (s[0] != lit) return false;
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return match(pattern, path); }

}  // namespace dfopt
