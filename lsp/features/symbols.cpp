// Document symbols (stages and their instructions) and folding ranges.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "lsp/features.h"
#include "lsp/features/common.h"

namespace dfopt::lsp {
namespace {

/// The first line of an instruction's arguments, shortened for a symbol's detail.
std::string summary(const DocumentView& doc, const ast::Instruction& in) {
  const TextRange r = in.args_text.range;
  std::string_view text = r.empty() ? std::string_view() : doc.source.slice(r);
  if (!in.flags.empty() && in.flags.front().range.begin < r.begin)
    text = doc.source.slice(
        TextRange{in.flags.front().range.begin, std::max(r.end, in.flags.back().range.end)});
  text = text.substr(0, text.find_first_of("\r\n"));
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == doc.ast.escape))
    text.remove_suffix(1);
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // UTF-8 boundary
  return std::string(text.substr(0, cut)) + "…";
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

DocumentSymbol instruction_symbol(const DocumentView& doc, const ast::Instruction& in) {
  DocumentSymbol s;
  s.name = in.keyword.value.empty() ? std::string("?") : upper(in.keyword.value);
  s.detail = summary(doc, in);
  s.kind = SymbolKind::function;
  s.range = in.range;
  s.selection_range = in.keyword.range;
  if ((in.kind == ast::InstrKind::arg || in.kind == ast::InstrKind::env) && !in.pairs.empty()) {
    for (const ast::KeyValue& kv : in.pairs) {
      DocumentSymbol v;
      v.name = kv.key.value.empty() ? std::string("?") : kv.key.value;
      v.detail = kv.value ? kv.value->value : std::string();
      v.kind = SymbolKind::variable;
      v.range = kv.range;
      v.selection_range = kv.key.range;
      s.children.push_back(std::move(v));
    }
  }
  return s;
}

}  // namespace

std::vector<DocumentSymbol> symbols(const DocumentView& doc) {
  std::vector<DocumentSymbol> out;
  const auto& instrs = doc.ast.instructions;
  const auto n = static_cast<uint32_t>(instrs.size());
  const auto stages = doc.model.stages();
  uint32_t i = 0;
  for (const model::Stage& st : stages) {
    if (st.from_instr >= n) break;  // a model of another text: stop rather than read past the AST
    // Instructions before this stage (global ARGs): top level.
    for (; i < st.from_instr; ++i) out.push_back(instruction_symbol(doc, instrs[i]));
    const ast::Instruction& from = instrs[st.from_instr];
    const uint32_t end = std::min(st.end_instr, n);
    DocumentSymbol s;
    s.kind = SymbolKind::module;
    const std::string image = from.from_image ? from.from_image->value : std::string();
    if (from.from_name && !from.from_name->value.empty()) {
      s.name = from.from_name->value;
      s.detail = image;
      s.selection_range = from.from_name->range;
    } else {
      s.name = image.empty() ? fmt::format("stage {}", st.index) : image;
      s.detail = fmt::format("stage {}", st.index);
      s.selection_range = from.from_image ? from.from_image->range : from.keyword.range;
    }
    s.range = TextRange{from.range.begin, instrs[std::max(end, st.from_instr + 1) - 1].range.end};
    for (i = st.from_instr; i < end; ++i) s.children.push_back(instruction_symbol(doc, instrs[i]));
    i = std::max(i, end);
    out.push_back(std::move(s));
  }
  for (; i < n; ++i) out.push_back(instruction_symbol(doc, instrs[i]));
  return out;
}

std::vector<FoldingRange> folding_ranges(const DocumentView& doc) {
  std::vector<FoldingRange> out;
  const LineIndex& lines = doc.source.lines();
  auto add = [&](uint32_t first_line, uint32_t last_line, FoldingKind kind) {  // 1-based lines
    if (last_line > first_line) out.push_back(FoldingRange{first_line - 1, last_line - 1, kind});
  };
  const auto& instrs = doc.ast.instructions;
  const auto n = static_cast<uint32_t>(instrs.size());
  for (const model::Stage& st : doc.model.stages()) {
    if (st.from_instr >= n) break;
    const uint32_t last = std::min(st.end_instr, n);
    if (last == 0 || last <= st.from_instr) continue;
    add(lines.line_of(instrs[st.from_instr].range.begin), lines.line_of(instrs[last - 1].range.end),
        FoldingKind::region);
  }
  for (const ast::Instruction& in : instrs) {
    const uint32_t first = lines.line_of(in.range.begin);
    if (in.heredocs.empty()) {
      add(first, lines.line_of(in.range.end), FoldingKind::region);
      continue;
    }
    // The instruction line(s) up to the first heredoc body, then each heredoc.
    const uint32_t head_end = lines.line_of(in.heredocs.front().opener.end);
    add(first, head_end, FoldingKind::region);
    for (const ast::Heredoc& h : in.heredocs) {
      const uint32_t open = lines.line_of(h.opener.begin);
      const uint32_t close = !h.terminator.empty() ? lines.line_of(h.terminator.begin)
                             : h.body.empty()      ? open
                                              : lines.line_of(h.body.end > 0 ? h.body.end - 1 : 0);
      add(open, close, FoldingKind::region);
    }
  }
  // Runs of consecutive comment lines (directives included).
  std::vector<uint32_t> comment_lines;
  for (const ast::Directive& d : doc.ast.directives)
    comment_lines.push_back(lines.line_of(d.range.begin));
  for (const ast::Comment& c : doc.ast.comments)
    if (!c.inside_instruction) comment_lines.push_back(lines.line_of(c.range.begin));
  std::sort(comment_lines.begin(), comment_lines.end());
  for (size_t k = 0; k < comment_lines.size();) {
    size_t j = k;
    while (j + 1 < comment_lines.size() && comment_lines[j + 1] == comment_lines[j] + 1) ++j;
    add(comment_lines[k], comment_lines[j], FoldingKind::comment);
    k = j + 1;
  }
  std::sort(out.begin(), out.end(), [](const FoldingRange& a, const FoldingRange& b) {
    return a.start_line != b.start_line ? a.start_line < b.start_line : a.end_line > b.end_line;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const FoldingRange& a, const FoldingRange& b) {
                          return a.start_line == b.start_line && a.end_line == b.end_line;
                        }),
            out.end());
  return out;
}

}  // namespace dfopt::lsp
