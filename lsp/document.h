#pragma once
// Open documents and the conversions between the protocol's positions (0-based lines, UTF-16
// code units) and dfopt's byte offsets.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/source.h"

namespace dfopt::lsp {

/// A protocol position: 0-based line and 0-based UTF-16 column.
struct LspPosition {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(LspPosition, LspPosition) = default;
};

struct LspRange {
  LspPosition start;
  LspPosition end;
  friend bool operator==(LspRange, LspRange) = default;
};

/// The protocol position of byte `offset` of `text` (indexed by `lines`). An offset inside a
/// multi-byte character counts from that character's start.
LspPosition to_lsp(const LineIndex& lines, std::string_view text, uint32_t offset);
LspRange to_lsp(const LineIndex& lines, std::string_view text, TextRange range);

/// The byte offset of a protocol position, clamped: a line past the end gives the end of the
/// text, a column past the end of its line gives the line's end (before "\r\n" or "\n").
uint32_t to_offset(const LineIndex& lines, std::string_view text, LspPosition position);

/// The text of an open document, kept in step with the client's edits.
class TextDocument {
 public:
  TextDocument() = default;
  explicit TextDocument(std::string text) : text_(std::move(text)), lines_(text_) {}

  std::string_view text() const { return text_; }
  const LineIndex& lines() const { return lines_; }

  /// Replaces everything (a change without a range).
  void replace_all(std::string text);
  /// Replaces `range` by `new_text` (an incremental change). A range whose end comes before its
  /// start is read with its ends swapped; positions are clamped as to_offset does.
  void replace(LspRange range, std::string_view new_text);

 private:
  std::string text_;
  LineIndex lines_;
};

/// The file system path of a `file:` URI, percent-decoded; nullopt for other schemes.
std::optional<std::string> uri_to_path(std::string_view uri);

}  // namespace dfopt::lsp
