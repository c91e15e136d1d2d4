#include "parse/logical_line.h"

#include <algorithm>

namespace dfopt::detail {

void LogicalLine::clear() {
  text.clear();
  segments.clear();
  begin = end = 0;
  continuations.clear();
  empty_lines.clear();
  comments.clear();
  heredocs.clear();
  heredocs_checked = false;
}

void LogicalLine::append(std::string_view bytes, uint32_t source_offset) {
  if (bytes.empty()) return;
  auto logical = static_cast<uint32_t>(text.size());
  text.append(bytes);
  auto size = static_cast<uint32_t>(bytes.size());
  if (!segments.empty()) {
    Segment& last = segments.back();
    if (last.source + last.size == source_offset && last.logical + last.size == logical) {
      last.size += size;
      return;
    }
  }
  segments.push_back({logical, source_offset, size});
}

uint32_t LogicalLine::to_source(uint32_t logical) const {
  if (segments.empty()) return begin;
  // Last segment whose logical start is <= logical.
  auto it = std::upper_bound(segments.begin(), segments.end(), logical,
                             [](uint32_t v, const Segment& s) { return v < s.logical; });
  if (it == segments.begin()) return segments.front().source;
  --it;
  uint32_t delta = logical - it->logical;
  if (delta >= it->size) return it->source + it->size;  // end of text
  return it->source + delta;
}

TextRange LogicalLine::to_source(uint32_t lb, uint32_t le) const {
  if (le <= lb) {
    uint32_t at = to_source(lb);
    return {at, at};
  }
  return {to_source(lb), to_source(le - 1) + 1};
}

ast::SourceMap LogicalLine::source_map(uint32_t lb, uint32_t le) const {
  ast::SourceMap map;
  for (const Segment& s : segments) {
    uint32_t b = std::max(lb, s.logical);
    uint32_t e = std::min(le, s.logical + s.size);
    if (b >= e) continue;
    map.pieces.push_back({b - lb, s.source + (b - s.logical), e - b});
  }
  return map;
}

}  // namespace dfopt::detail
