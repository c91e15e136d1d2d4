#include "lsp/document.h"

#include <algorithm>
#include <cctype>

namespace dfopt::lsp {

LspPosition to_lsp(const LineIndex& lines, std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  // A continuation byte is not a character start: count from the character it belongs to.
  while (offset > 0 && offset < text.size() &&
         (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
    --offset;
  }
  LspPosition p;
  p.line = lines.line_of(offset) - 1;
  p.character = lines.utf16_column(offset, text);
  return p;
}

LspRange to_lsp(const LineIndex& lines, std::string_view text, TextRange range) {
  return {to_lsp(lines, text, range.begin), to_lsp(lines, text, range.end)};
}

uint32_t to_offset(const LineIndex& lines, std::string_view text, LspPosition position) {
  if (position.line >= lines.line_count()) return static_cast<uint32_t>(text.size());
  uint32_t offset = lines.offset_of_utf16(position.line, position.character, text);
  // LineIndex counts a '\r' before '\n' as line content; the protocol counts it as part of the
  // line break, so a column past the end must not land between the two.
  const uint32_t end = lines.line_end(position.line + 1, text);
  if (offset == end && end > lines.line_start(position.line + 1) && text[end - 1] == '\r' &&
      end < text.size()) {
    --offset;
  }
  return offset;
}

void TextDocument::replace_all(std::string text) {
  text_ = std::move(text);
  lines_ = LineIndex(text_);
}

void TextDocument::replace(LspRange range, std::string_view new_text) {
  uint32_t begin = to_offset(lines_, text_, range.start);
  uint32_t end = to_offset(lines_, text_, range.end);
  if (end < begin) std::swap(begin, end);
  text_.replace(begin, end - begin, new_text);
  lines_ = LineIndex(text_);
}

std::optional<std::string> uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size()) return std::nullopt;
  for (size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != scheme[i]) return std::nullopt;
  }
  uri.remove_prefix(scheme.size());
  // file://host/path: only the local host is meaningful here.
  if (uri.starts_with("localhost/")) uri.remove_prefix(9);
  std::string path;
  path.reserve(uri.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '?' || uri[i] == '#') break;
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  if (path.empty() || path[0] != '/') return std::nullopt;
  return path;
}

}  // namespace dfopt::lsp
