#pragma once

#include <string_view>

namespace dfopt {

/// Matches `path` ('/'-separated) against a glob with git's wildmatch semantics: `*` and `?`
/// match within one path segment, `[abc]`, `[a-z]` and `[!a]` (or `[^a]`) match one character,
/// `\` quotes the next character, and `**` as a whole segment matches any number of segments
/// (`**/x`, `a/**/b`, `a/**`). The whole path must match.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace dfopt
