#include "rules/variables/dockerignore.h"

#include <algorithm>

namespace dfopt::rules::dockerignore {
namespace {

std::string_view trim_space(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// Decodes one UTF-8 character at `s[i]`, advancing `i` (invalid bytes count as one character).
char32_t next_rune(std::string_view s, size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) len = 1;
  }
  char32_t r = len == 1 ? b : b & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return r;
}

/// Builds the tokens of one cleaned pattern (patternmatcher's compile). False when the regular
/// expression it builds would not compile (an unclosed character class).
bool compile(Matcher::Pattern& p) {
  using Token = Matcher::Token;
  using Pattern = Matcher::Pattern;
  const std::string_view s = p.cleaned;
  Pattern::Type type = Pattern::exact;
  size_t i = 0;
  for (size_t n = 0; i < s.size(); ++n) {
    const char ch = s[i];
    if (ch == '*') {
      ++i;
      if (i < s.size() && s[i] == '*') {
        ++i;
        if (i < s.size() && s[i] == '/') ++i;  // treat **/ as **
        if (i >= s.size()) {
          if (type == Pattern::exact) {
            type = Pattern::prefix;
          } else {
            p.tokens.push_back({Token::any_tail});
            type = Pattern::regexp;
          }
        } else {
          p.tokens.push_back({Token::dstar_dir});
          type = Pattern::regexp;
        }
        if (n == 0) type = Pattern::suffix;
      } else {
        p.tokens.push_back({Token::star});
        type = Pattern::regexp;
      }
    } else if (ch == '?') {
      ++i;
      p.tokens.push_back({Token::any_char});
      type = Pattern::regexp;
    } else if (ch == '\\') {
      ++i;
      if (i < s.size()) {
        p.tokens.push_back({Token::literal, s[i]});
        ++i;
        type = Pattern::regexp;
      } else {
        p.tokens.push_back({Token::literal, '\\'});
      }
    } else if (ch == '[') {
      // The class goes to Go's regexp as written: [^...] negates, a-b ranges, \x escapes.
      ++i;
      Token t{Token::char_class};
      if (i < s.size() && s[i] == '^') {
        t.negated = true;
        ++i;
      }
      bool closed = false;
      bool first = true;
      while (i < s.size()) {
        if (s[i] == ']' && !first) {
          ++i;
          closed = true;
          break;
        }
        first = false;
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        const char32_t lo = next_rune(s, i);
        char32_t hi = lo;
        if (i + 1 < s.size() && s[i] == '-' && s[i + 1] != ']') {
          ++i;
          if (s[i] == '\\' && i + 1 < s.size()) ++i;
          hi = next_rune(s, i);
        }
        if (hi < lo) return false;
        t.ranges.emplace_back(lo, hi);
      }
      if (!closed) return false;
      p.tokens.push_back(std::move(t));
      type = Pattern::regexp;
    } else {
      // A literal byte: patternmatcher escapes the regexp specials `.+()|{}$`; a lone ']' is a
      // literal in Go's regexp too.
      p.tokens.push_back({Token::literal, ch});
      ++i;
    }
  }
  p.type = type;
  return true;
}

/// Full match of `tokens[t..]` against `path[pos..]`, memoised (regexp semantics).
bool match_tokens(const std::vector<Matcher::Token>& tokens, size_t t, std::string_view path,
                  size_t pos, std::vector<signed char>& memo) {
  using Token = Matcher::Token;
  const size_t key = t * (path.size() + 1) + pos;
  if (memo[key] >= 0) return memo[key] != 0;
  bool result = false;
  if (t == tokens.size()) {
    result = pos == path.size();
  } else {
    const Token& tok = tokens[t];
    switch (tok.kind) {
      case Token::literal:
        result = pos < path.size() && path[pos] == tok.ch &&
                 match_tokens(tokens, t + 1, path, pos + 1, memo);
        break;
      case Token::star: {
        // [^/]*: any run without '/'.
        size_t end = pos;
        while (end < path.size() && path[end] != '/') ++end;
        for (size_t k = pos; k <= end && !result; ++k) {
          result = match_tokens(tokens, t + 1, path, k, memo);
        }
        break;
      }
      case Token::any_char: {
        if (pos < path.size() && path[pos] != '/') {
          size_t next = pos;
          next_rune(path, next);
          result = match_tokens(tokens, t + 1, path, next, memo);
        }
        break;
      }
      case Token::dstar_dir:
        // (.*/)?: nothing, or anything that ends with '/'.
        result = match_tokens(tokens, t + 1, path, pos, memo);
        for (size_t k = pos; k < path.size() && !result; ++k) {
          if (path[k] == '/') result = match_tokens(tokens, t + 1, path, k + 1, memo);
        }
        break;
      case Token::any_tail:
        // .* (Go's '.' matches anything but '\n').
        for (size_t k = pos; k <= path.size() && !result; ++k) {
          result = match_tokens(tokens, t + 1, path, k, memo);
          if (k < path.size() && path[k] == '\n') break;
        }
        break;
      case Token::char_class: {
        if (pos < path.size()) {
          size_t next = pos;
          const char32_t r = next_rune(path, next);
          bool in = std::any_of(tok.ranges.begin(), tok.ranges.end(),
                                [r](const auto& rg) { return r >= rg.first && r <= rg.second; });
          if (tok.negated) in = !in && r != '\n';
          result = in && match_tokens(tokens, t + 1, path, next, memo);
        }
        break;
      }
    }
  }
  memo[key] = result ? 1 : 0;
  return result;
}

/// Go's filepath.Dir for slash paths.
std::string dir_of(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return clean(path.substr(0, slash + 1));
}

}  // namespace

std::string clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path.front() == '/';
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    const size_t slash = path.find('/', i);
    const std::string_view part =
        path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    i = slash == std::string_view::npos ? path.size() : slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out.push_back('/');
    out += parts[k];
  }
  if (out.empty()) out = ".";
  return out;
}

std::optional<Matcher> Matcher::parse(std::string_view text) {
  Matcher m;
  size_t pos = 0;
  bool first_line = true;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    // ignorefile.ReadAll
    if (first_line && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    first_line = false;
    if (line.starts_with("#")) continue;
    line = trim_space(line);
    if (line.empty()) continue;
    const bool invert = line.front() == '!';
    if (invert) line = trim_space(line.substr(1));
    std::string pattern;
    if (!line.empty()) {
      pattern = clean(line);
      if (pattern.size() > 1 && pattern.front() == '/') pattern.erase(0, 1);
    }
    if (invert) pattern.insert(0, "!");
    // patternmatcher.New
    std::string_view p = trim_space(pattern);
    if (p.empty()) continue;
    std::string cleaned = clean(p);
    Pattern pat;
    if (cleaned.front() == '!') {
      if (cleaned.size() == 1) return std::nullopt;  // illegal exclusion pattern: "!"
      pat.exclusion = true;
      m.exclusions_ = true;
      cleaned.erase(0, 1);
    }
    // filepath.Match's syntax check: a trailing escape is malformed.
    if (!cleaned.empty() && cleaned.back() == '\\') {
      size_t n = 0;
      for (auto it = cleaned.rbegin(); it != cleaned.rend() && *it == '\\'; ++it) ++n;
      if (n % 2 == 1) return std::nullopt;
    }
    pat.cleaned = std::move(cleaned);
    if (!compile(pat)) return std::nullopt;
    m.patterns_.push_back(std::move(pat));
  }
  return m;
}

bool Matcher::Pattern::match(std::string_view path) const {
  switch (type) {
    case exact:
      return path == cleaned;
    case prefix:
      return path.starts_with(std::string_view(cleaned).substr(0, cleaned.size() - 2));
    case suffix: {
      const std::string_view suffix = std::string_view(cleaned).substr(2);
      if (path.ends_with(suffix)) return true;
      return !suffix.empty() && suffix.front() == '/' && path == suffix.substr(1);
    }
    case regexp: {
      std::vector<signed char> memo((tokens.size() + 1) * (path.size() + 1), -1);
      return match_tokens(tokens, 0, path, 0, memo);
    }
  }
  return false;
}

bool Matcher::matches_or_parent_matches(std::string_view file) const {
  bool matched = false;
  const std::string parent = dir_of(file);
  std::vector<std::string_view> dirs;
  {
    std::string_view rest = parent;
    while (true) {
      const size_t slash = rest.find('/');
      dirs.push_back(rest.substr(0, slash));
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  for (const Pattern& p : patterns_) {
    if (p.exclusion != matched) continue;
    bool match = p.match(file);
    if (!match && parent != ".") {
      std::string prefix;
      for (size_t i = 0; i < dirs.size() && !match; ++i) {
        if (i) prefix.push_back('/');
        prefix += dirs[i];
        match = p.match(prefix);
      }
    }
    if (match) matched = !p.exclusion;
  }
  return matched;
}

}  // namespace dfopt::rules::dockerignore
