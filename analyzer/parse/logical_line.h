#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/source.h"

namespace dfopt::detail {

/// One instruction's joined text, as BuildKit builds it before its line parsers run: physical
/// lines with the continuation (escape token, trailing blanks, line ending) removed, comment and
/// blank lines inside the continuation dropped. `segments` maps every logical byte back to the
/// source, so values cut from the logical text keep exact source ranges.
struct LogicalLine {
  struct Segment {
    uint32_t logical;  ///< offset in `text`
    uint32_t source;   ///< offset in the source file
    uint32_t size;
  };

  std::string text;
  std::vector<Segment> segments;
  uint32_t begin = 0;        ///< source offset of the first token (keyword or escape)
  uint32_t end = 0;          ///< source offset after the last consumed byte (heredocs included)
  std::vector<TextRange> continuations;
  std::vector<TextRange> empty_lines;
  std::vector<TextRange> comments;  ///< comment lines inside the continuation, `#` onwards
  std::vector<ast::Heredoc> heredocs;
  bool heredocs_checked = false;  ///< heredoc detection ran (the line contained "<<")

  void clear();
  void append(std::string_view bytes, uint32_t source_offset);
  /// Source offset of logical offset `logical` (which may equal text.size()).
  uint32_t to_source(uint32_t logical) const;
  /// Source range covering logical [lb, le): from the first byte's source offset to one past the
  /// last byte's. An empty logical range maps to an empty source range.
  TextRange to_source(uint32_t lb, uint32_t le) const;
  /// The segments covering logical [lb, le), re-based so that lb is offset 0.
  ast::SourceMap source_map(uint32_t lb, uint32_t le) const;
};

/// End of [begin, end) without its trailing line ending ("\n", "\r\n" and any CRs before it,
/// as BuildKit's trimNewline strips them).
inline uint32_t trim_line_ending(std::string_view text, uint32_t begin, uint32_t end) {
  while (end > begin && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
  return end;
}

/// The `#...` part of a comment line [begin, end): leading blanks and the line ending removed.
inline TextRange comment_range(std::string_view text, uint32_t begin, uint32_t end) {
  while (begin < end && text[begin] != '#') ++begin;
  return {begin, trim_line_ending(text, begin, end)};
}

}  // namespace dfopt::detail
