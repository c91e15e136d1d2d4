// add_ignores: `# dfopt ignore=` pragmas above the instructions that still have findings (ruff's
// `--add-noqa`), so that a legacy estate can adopt dfopt in one step and fix findings over time.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "dfopt/fixes.h"
#include "fixes/internal.h"

namespace dfopt {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// A `# dfopt ignore=KEY[,KEY]... [# reason]` comment (next-instruction scope): its keys and
/// the offset just past the last one. Mirrors the engine's pragma grammar; anything else (other
/// scopes, malformed pragmas) is not merged into.
struct IgnorePragma {
  std::vector<std::string_view> keys;
  uint32_t keys_end = 0;
};

std::optional<IgnorePragma> parse_ignore_pragma(std::string_view text, uint32_t base) {
  size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && (is_blank(text[i]) || text[i] == '\r')) ++i;
  };
  auto word = [&](std::string_view w) {
    if (text.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  };
  if (!word("#")) return std::nullopt;
  skip();
  if (!word("dfopt") || i >= text.size() || !is_blank(text[i])) return std::nullopt;
  skip();
  if (!word("ignore")) return std::nullopt;
  skip();
  if (!word("=")) return std::nullopt;
  skip();
  IgnorePragma p;
  for (;;) {
    const size_t start = i;
    while (i < text.size() && text[i] != ',' && text[i] != '#' && !is_blank(text[i]) &&
           text[i] != '\r') {
      ++i;
    }
    if (i == start) return std::nullopt;  // empty key: malformed, leave it to invalid-pragma
    p.keys.push_back(text.substr(start, i - start));
    p.keys_end = base + static_cast<uint32_t>(i);
    skip();
    if (i < text.size() && text[i] == ',') {
      ++i;
      skip();
      continue;
    }
    break;
  }
  if (i < text.size() && text[i] != '#') return std::nullopt;  // trailing text: malformed
  return p;
}

/// Whether a comment is a hadolint pragma (`# hadolint ...`), which hadolint applies to the line
/// right below it only.
bool is_hadolint_pragma(std::string_view text) {
  size_t i = 1;
  while (i < text.size() && is_blank(text[i])) ++i;
  text.remove_prefix(std::min(i, text.size()));
  return text.substr(0, 8) == "hadolint" && text.size() > 8 && is_blank(text[8]);
}

/// Codes no pragma suppresses: internal errors are not rules, and a syntax error must never be
/// hidden (BuildKit would not build the file).
bool unsuppressible_code(std::string_view code) {
  return code == kInternalErrorCode || code == kSyntaxErrorId;
}

}  // namespace

AddIgnoreResult add_ignores(const SourceFile& source, const ast::Dockerfile& ast,
                            std::span<const Diagnostic> diagnostics, bool keep_descriptions) {
  AddIgnoreResult out;
  const std::string_view text = source.text();
  const auto& instrs = ast.instructions;

  // Rule IDs per instruction, found as the engine's suppressions look them up: the instruction
  // whose range (end included) holds the finding's start.
  std::map<size_t, std::set<std::string>> ids;
  for (const Diagnostic& d : diagnostics) {
    const Rule* rule = unsuppressible_code(d.code) ? nullptr : find_rule(d.code);
    auto it =
        std::lower_bound(instrs.begin(), instrs.end(), d.range.begin,
                         [](const ast::Instruction& ins, uint32_t o) { return ins.range.end < o; });
    if (!rule || it == instrs.end() || it->range.begin > d.range.begin) {
      out.unsuppressible.push_back(&d);
      continue;
    }
    ids[static_cast<size_t>(it - instrs.begin())].insert(std::string(rule->info().id));
  }
  if (ids.empty()) {
    out.text = std::string(text);
    return out;
  }

  // Top-level comments, sorted (comments inside continuations are not pragmas for the engine).
  std::vector<TextRange> comments;
  for (const ast::Comment& c : ast.comments) {
    if (!c.inside_instruction) comments.push_back(c.range);
  }
  std::sort(comments.begin(), comments.end(),
            [](TextRange a, TextRange b) { return a.begin < b.begin; });

  const std::string eol = ast.crlf ? "\r\n" : "\n";
  const LineIndex& lines = source.lines();
  // Insertions at the start of line 1 go after a byte order mark.
  auto line_start = [&](uint32_t line) {
    uint32_t at = lines.line_start(line);
    if (at == 0 && ast.has_bom && text.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
    return at;
  };

  std::vector<Edit> edits;
  for (const auto& [index, rule_ids] : ids) {
    const ast::Instruction& ins = instrs[index];
    // The comments between the previous instruction and this one.
    const uint32_t gap_begin = index == 0 ? 0 : instrs[index - 1].range.end;
    auto first = std::lower_bound(comments.begin(), comments.end(), gap_begin,
                                  [](TextRange r, uint32_t o) { return r.begin < o; });
    auto last = std::lower_bound(comments.begin(), comments.end(), ins.range.begin,
                                 [](TextRange r, uint32_t o) { return r.begin < o; });
    // Merge into the closest `# dfopt ignore=` line above, if any.
    std::optional<IgnorePragma> target;
    for (auto it = last; it != first && !target;) {
      --it;
      target = parse_ignore_pragma(source.slice(*it), it->begin);
    }
    if (target) {
      std::set<const Rule*> covered;
      for (std::string_view key : target->keys) {
        if (auto rules = resolve_rule_key(key)) covered.insert(rules->begin(), rules->end());
      }
      std::string add;
      for (const std::string& id : rule_ids) {
        if (!covered.contains(find_rule(id))) add += "," + id;
      }
      if (!add.empty()) {
        edits.push_back({{target->keys_end, target->keys_end}, std::move(add)});
        ++out.merged;
      }
      continue;
    }

    const uint32_t ins_line = source.position(ins.range.begin).line;
    const uint32_t ins_line_start = line_start(ins_line);
    std::string indent;
    if (ins_line_start <= ins.range.begin) {
      const std::string_view lead = text.substr(ins_line_start, ins.range.begin - ins_line_start);
      if (std::all_of(lead.begin(), lead.end(), is_blank)) indent = std::string(lead);
    }
    uint32_t anchor_line = ins_line;
    const bool described =
        keep_descriptions &&
        ((ins.kind == ast::InstrKind::from && ins.from_name) || ins.kind == ast::InstrKind::arg);
    bool separator = false;
    if (described) {
      // BuildKit reads the last comment line above a FROM or ARG as its description: go above
      // all of the comments, or end the pragma's block with an empty `#` line.
      if (first != last) {
        anchor_line = source.position(first->begin).line;
      } else {
        separator = true;
      }
    } else {
      // hadolint reads its pragma on the line right above the instruction only.
      for (auto it = last; it != first;) {
        --it;
        const uint32_t line = source.position(it->begin).line;
        if (line + 1 != anchor_line || !is_hadolint_pragma(source.slice(*it))) break;
        anchor_line = line;
      }
    }
    std::string line = indent + "# dfopt ignore=";
    bool first_id = true;
    for (const std::string& id : rule_ids) {
      line += (first_id ? "" : ",") + id;
      first_id = false;
    }
    line += eol;
    if (separator) line += indent + "#" + eol;
    const uint32_t at = line_start(anchor_line);
    edits.push_back({{at, at}, std::move(line)});
    ++out.added;
  }
  std::vector<const Edit*> ptrs;
  for (const Edit& e : edits) ptrs.push_back(&e);
  out.text = detail::splice(text, std::move(ptrs));
  return out;
}

}  // namespace dfopt
