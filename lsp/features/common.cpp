#include "lsp/features/common.h"

#include <algorithm>
#include <cctype>

namespace dfopt::lsp::detail {

uint32_t clamp_offset(const DocumentView& doc, size_t offset) {
  return static_cast<uint32_t>(std::min(offset, doc.source.text().size()));
}

uint32_t instruction_at(const DocumentView& doc, uint32_t offset) {
  const auto& instrs = doc.ast.instructions;
  // The last instruction starting at or before the offset's line.
  const LineIndex& lines = doc.source.lines();
  const uint32_t line_end = lines.line_end(lines.line_of(offset), doc.source.text());
  auto it = std::upper_bound(
      instrs.begin(), instrs.end(), line_end,
      [](uint32_t off, const ast::Instruction& in) { return off < in.range.begin; });
  if (it == instrs.begin()) return model::npos;
  const auto& in = *(it - 1);
  // The instruction covers its lines up to the end of the last one.
  const uint32_t last_line = lines.line_of(in.range.end);
  if (lines.line_of(offset) > last_line) return model::npos;
  return static_cast<uint32_t>(it - 1 - instrs.begin());
}

bool lowercase_keywords(const DocumentView& doc, uint32_t skip) {
  size_t lower = 0, upper = 0;
  for (size_t i = 0; i < doc.ast.instructions.size(); ++i) {
    if (i == skip) continue;
    const std::string& k = doc.ast.instructions[i].keyword.value;
    if (k.empty()) continue;
    if (std::islower(static_cast<unsigned char>(k[0])))
      ++lower;
    else
      ++upper;
  }
  return lower > upper;
}

}  // namespace dfopt::lsp::detail
