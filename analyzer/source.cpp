#include "dfopt/source.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "dfopt/diagnostic.h"
#include "dfopt/expected.h"

namespace dfopt {

LineIndex::LineIndex(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {
  starts_.reserve(text.size() / 32 + 1);
  starts_.push_back(0);
  const char* base = text.data();
  const char* p = base;
  const char* end = base + text.size();
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<uint32_t>(p - base));
  }
}

uint32_t LineIndex::line_start(uint32_t line) const {
  if (starts_.empty()) return 0;
  line = std::clamp<uint32_t>(line, 1, line_count());
  return starts_[line - 1];
}

uint32_t LineIndex::line_end(uint32_t line, std::string_view text) const {
  if (starts_.empty()) return 0;
  line = std::clamp<uint32_t>(line, 1, line_count());
  uint32_t end = line < line_count() ? starts_[line] - 1 : size_;
  return std::min<uint32_t>(end, static_cast<uint32_t>(text.size()));
}

uint32_t LineIndex::line_of(uint32_t offset) const {
  if (starts_.empty()) return 1;
  offset = std::min(offset, size_);
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<uint32_t>(it - starts_.begin());
}

Position LineIndex::position(uint32_t offset) const {
  offset = std::min(offset, size_);
  uint32_t line = line_of(offset);
  return Position{line, offset - line_start(line) + 1};
}

namespace {

// Length of the UTF-8 sequence starting with `c`, or 1 for a byte that cannot start one (each
// invalid byte then counts as one UTF-16 unit, as editors show a replacement character).
int utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

uint32_t LineIndex::utf16_column(uint32_t offset, std::string_view text) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  uint32_t i = line_start(line_of(offset));
  uint32_t units = 0;
  while (i < offset) {
    int n = utf8_length(static_cast<unsigned char>(text[i]));
    units += n == 4 ? 2 : 1;
    i += static_cast<uint32_t>(n);
  }
  return units;
}

uint32_t LineIndex::offset_of_utf16(uint32_t line0, uint32_t utf16_col,
                                    std::string_view text) const {
  uint32_t line = line0 + 1;
  if (line > line_count()) return static_cast<uint32_t>(text.size());
  uint32_t i = line_start(line);
  uint32_t end = line_end(line, text);
  uint32_t units = 0;
  while (i < end && units < utf16_col) {
    int n = utf8_length(static_cast<unsigned char>(text[i]));
    units += n == 4 ? 2 : 1;
    i = std::min<uint32_t>(end, i + static_cast<uint32_t>(n));
  }
  return i;
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)), lines_(text_) {}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::style: return "style";
  }
  return "error";
}

std::string format_error(const Error& e) {
  std::string where = e.path.empty() ? "dfopt" : e.path;
  if (e.location) where += fmt::format(":{}:{}", e.location->line, e.location->column);
  return fmt::format("{}: error: {}", where, e.message);
}

}  // namespace dfopt
