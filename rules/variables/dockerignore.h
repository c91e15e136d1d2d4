#pragma once
// .dockerignore files, read and matched as BuildKit does (moby/patternmatcher: ignorefile.ReadAll,
// New, MatchesOrParentMatches). Used by copy-ignored-file (DF808).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt::rules::dockerignore {

/// Go's path.Clean: the shortest equivalent slash-separated path ("" becomes ".").
std::string clean(std::string_view path);

class Matcher {
 public:
  /// Parses the text of a .dockerignore file. std::nullopt when a pattern is malformed (BuildKit
  /// then has no matcher either: `!` alone, an unclosed `[`, a trailing `\`).
  static std::optional<Matcher> parse(std::string_view text);

  bool empty() const { return patterns_.empty(); }
  /// Some pattern is an exclusion (`!pattern`).
  bool has_exclusions() const { return exclusions_; }
  /// Whether `path` (slash-separated, cleaned) or one of its parent directories is ignored.
  bool matches_or_parent_matches(std::string_view path) const;

  struct Token {
    enum Kind : unsigned char { literal, star, any_char, dstar_dir, any_tail, char_class };
    Kind kind;
    char ch = 0;                                          // literal
    bool negated = false;                                 // char_class
    std::vector<std::pair<char32_t, char32_t>> ranges{};  // char_class
  };
  struct Pattern {
    enum Type : unsigned char { exact, prefix, suffix, regexp };
    std::string cleaned;
    bool exclusion = false;
    Type type = exact;
    std::vector<Token> tokens;
    bool match(std::string_view path) const;
  };

 private:
  std::vector<Pattern> patterns_;
  bool exclusions_ = false;
};

}  // namespace dfopt::rules::dockerignore
