#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt {

/// A half-open range of byte offsets [begin, end) into a SourceFile's text.
struct TextRange {
  uint32_t begin = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  constexpr bool contains(TextRange r) const { return r.begin >= begin && r.end <= end; }
  friend constexpr bool operator==(TextRange, TextRange) = default;
};

/// A 1-based line and 1-based column. `column` counts bytes unless a function says otherwise.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
  friend constexpr bool operator==(Position, Position) = default;
};

/// Maps byte offsets to lines and columns. Lines end at '\n' (a preceding '\r' belongs to the
/// line's text, as BuildKit reads it). Built once per text in O(n); queries are O(log lines).
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  /// Number of lines; a text ending with '\n' has an empty last line that is counted.
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  /// Byte offset where 1-based `line` starts. `line` is clamped to [1, line_count()].
  uint32_t line_start(uint32_t line) const;
  /// Byte offset one past the end of `line`'s content (before its '\n').
  uint32_t line_end(uint32_t line, std::string_view text) const;
  /// 1-based line and byte column of `offset` (clamped to the text size).
  Position position(uint32_t offset) const;
  /// 1-based line of `offset`.
  uint32_t line_of(uint32_t offset) const;
  /// 0-based UTF-16 column of `offset` on its line, as the Language Server Protocol counts.
  uint32_t utf16_column(uint32_t offset, std::string_view text) const;
  /// Inverse of utf16_column: byte offset of a 0-based (line, UTF-16 column) pair, clamped to the
  /// line's content.
  uint32_t offset_of_utf16(uint32_t line0, uint32_t utf16_col, std::string_view text) const;

 private:
  std::vector<uint32_t> starts_;
  uint32_t size_ = 0;
};

/// An in-memory Dockerfile: a path used for messages and the exact bytes. Owns its text; all
/// TextRanges of the analysis refer to it.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  std::string_view slice(TextRange r) const { return std::string_view(text_).substr(r.begin, r.size()); }
  Position position(uint32_t offset) const { return lines_.position(offset); }

 private:
  std::string path_;
  std::string text_;
  LineIndex lines_;
};

}  // namespace dfopt
