#pragma once
// How ADD treats one source word: shared by the ADD rules of category `style`.

#include <string_view>

#include "dfopt/ast.h"

namespace dfopt::rules::add_source {

/// The word with every leading and trailing `"` and `'` removed (hadolint's dropQuotes).
inline std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

/// hadolint's archive extensions (archiveFileFormatExtensions), matched as suffixes.
inline bool has_archive_extension(std::string_view path) {
  constexpr std::string_view kExt[] = {".tar",  ".Z",   ".bz2", ".gz",  ".lz",
                                       ".lzma", ".tZ",  ".tb2", ".tbz", ".tbz2",
                                       ".tgz",  ".tlz", ".tpz", ".txz", ".xz"};
  for (std::string_view e : kExt) {
    if (path.size() >= e.size() && path.substr(path.size() - e.size()) == e) return true;
  }
  return false;
}

inline bool is_http_url(std::string_view path) {
  return path.substr(0, 7) == "http://" || path.substr(0, 8) == "https://";
}

/// A source BuildKit fetches instead of reading from the build context: an HTTP(S) URL or a
/// Git reference (`git@host:repo`, `git://`, `ssh://`, any `scheme://`).
inline bool is_remote(std::string_view path) {
  return path.find("://") != std::string_view::npos || path.substr(0, 4) == "git@";
}

/// The word of `ins.args` at `range` is a heredoc opener (`<<EOF`), not a path.
inline bool is_heredoc_word(const ast::Instruction& ins, const ast::Word& w) {
  for (const ast::Heredoc& h : ins.heredocs) {
    if (h.opener.begin == w.range.begin) return true;
  }
  return false;
}

}  // namespace dfopt::rules::add_source
