#pragma once
// Helpers shared by the editor features: locating the instruction and line around an offset.

#include <cstdint>
#include <string_view>

#include "dfopt/model.h"
#include "lsp/features.h"

namespace dfopt::lsp::detail {

/// `offset` clamped to the text size.
uint32_t clamp_offset(const DocumentView& doc, size_t offset);

/// Index of the instruction whose lines contain `offset` (its first line through its last,
/// heredocs included), or model::npos. Logarithmic in the number of instructions.
uint32_t instruction_at(const DocumentView& doc, uint32_t offset);

/// Whether the file writes its keywords in lower case (most instructions lower-case).
/// Upper case when there are no instructions; `skip` is left out of the count.
bool lowercase_keywords(const DocumentView& doc, uint32_t skip = model::npos);

/// ASCII letters, digits and '_' (a variable name's characters).
inline bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// 1-based line of instruction `i`'s first byte.
inline uint32_t line_of_instr(const DocumentView& doc, uint32_t i) {
  return doc.source.lines().line_of(doc.ast.instructions[i].range.begin);
}

}  // namespace dfopt::lsp::detail
