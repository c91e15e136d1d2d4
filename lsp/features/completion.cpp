// Completion: keywords, flags and their values, mount options, stage names, variables and
// parser directives, chosen from the text before the cursor.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

#include "lsp/features.h"
#include "lsp/features/common.h"
#include "lsp/features/tables.h"

namespace dfopt::lsp {
namespace {

using detail::is_name_char;

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Context {
  const DocumentView& doc;
  std::string_view text;
  uint32_t offset;
  std::vector<CompletionItem> items;

  void add(std::string label, CompletionKind kind, std::string_view detail, std::string_view doc_md,
           std::string insert, TextRange range) {
    items.push_back(CompletionItem{std::move(label), kind, std::string(detail), std::string(doc_md),
                                   std::move(insert), range});
  }
  /// End of the run of characters satisfying `pred` from the offset on (the rest of the word
  /// being completed, replaced as well).
  template <class Pred>
  uint32_t word_end(Pred pred) const {
    uint32_t e = offset;
    while (e < text.size() && pred(text[e])) ++e;
    return e;
  }
};

void complete_keywords(Context& cx, uint32_t begin, uint32_t skip_instr, bool in_onbuild) {
  std::string_view typed = cx.text.substr(begin, cx.offset - begin);
  const bool others = cx.doc.ast.instructions.size() > (skip_instr == model::npos ? 0u : 1u);
  bool lower_case = others ? detail::lowercase_keywords(cx.doc, skip_instr)
                           : (!typed.empty() && std::islower(static_cast<unsigned char>(typed[0])));
  const TextRange range{
      begin, cx.word_end([](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })};
  for (const detail::KeywordDoc& k : detail::keyword_docs()) {
    if (in_onbuild && (k.kind == ast::InstrKind::onbuild || k.kind == ast::InstrKind::from ||
                       k.kind == ast::InstrKind::maintainer))
      continue;
    std::string_view name = ast::keyword_name(k.kind);
    if (!istarts_with(name, typed)) continue;
    std::string label = lower_case ? lower(name) : std::string(name);
    std::string insert = label + " ";
    cx.add(std::move(label), CompletionKind::keyword, k.syntax, k.doc, std::move(insert), range);
  }
}

void complete_directives(Context& cx, uint32_t begin) {
  const TextRange range{begin, cx.word_end([](char c) { return !is_space(c); })};
  std::string_view typed = cx.text.substr(begin, cx.offset - begin);
  for (const detail::DirectiveDoc& d : detail::directive_docs()) {
    if (!istarts_with(d.insert, typed) || cx.doc.ast.directive(d.name)) continue;
    cx.add(std::string(d.insert), CompletionKind::snippet,
           fmt::format("parser directive `{}`", d.name), d.doc, std::string(d.insert), range);
  }
}

void complete_variables(Context& cx, uint32_t instr, uint32_t begin, bool braced) {
  const uint32_t end = cx.word_end(is_name_char);
  const bool close = braced && (end >= cx.text.size() || cx.text[end] != '}');
  std::string_view typed = cx.text.substr(begin, cx.offset - begin);
  std::unordered_set<std::string_view> seen;
  auto offer = [&](std::string_view name) {
    if (!seen.insert(name).second || !name.starts_with(typed)) return;
    const model::VarValue v = cx.doc.model.lookup(instr, name);
    if (v.status == model::VarStatus::unset) return;
    std::string detail;
    if (v.decl != model::npos) {
      const model::Declaration& d = cx.doc.model.declarations()[v.decl];
      detail = fmt::format("{}, line {}", d.kind == model::DeclKind::arg ? "ARG" : "ENV",
                           detail::line_of_instr(cx.doc, d.instr));
    } else if (v.source == model::VarSource::predefined) {
      detail = "predefined build argument";
    } else if (v.source == model::VarSource::base_image) {
      detail = "from the base image";
    }
    std::string doc = v.is_set() ? fmt::format("`{}` = `{}`", name, v.value)
                                 : fmt::format("`{}` has no value known statically", name);
    cx.add(std::string(name), CompletionKind::variable, detail, doc,
           std::string(name) + (close ? "}" : ""), TextRange{begin, end});
  };
  for (const model::Declaration& d : cx.doc.model.declarations()) {
    if (d.instr > instr) break;  // declarations are in file order
    offer(d.name);
  }
  for (std::string_view name : detail::predefined_platform_args()) offer(name);
}

/// Named stages before the stage of `instr`; `scratch` too when `with_scratch`.
void complete_stages(Context& cx, uint32_t instr, TextRange range, bool with_scratch) {
  std::string_view typed = cx.text.substr(range.begin, cx.offset - range.begin);
  const uint32_t current = cx.doc.model.stage_of(instr);
  for (const model::Stage& st : cx.doc.model.stages()) {
    if (current != model::npos && st.index >= current) break;
    if (st.name.empty() || !istarts_with(st.name, typed)) continue;
    cx.add(st.name, CompletionKind::module,
           fmt::format("stage {}: {}", st.index, st.base.raw.empty() ? "scratch" : st.base.raw),
           fmt::format("Build stage `{}` (line {})", st.name,
                       detail::line_of_instr(cx.doc, st.from_instr)),
           st.name, range);
  }
  if (with_scratch && istarts_with("scratch", typed))
    cx.add("scratch", CompletionKind::module, "the empty image", "", "scratch", range);
}

void complete_values(Context& cx, std::span<const detail::ValueDoc> values, uint32_t begin,
                     std::string_view what) {
  const TextRange range{begin, cx.word_end([](char c) { return !is_space(c) && c != ','; })};
  std::string_view typed = cx.text.substr(begin, cx.offset - begin);
  for (const detail::ValueDoc& v : values) {
    if (!istarts_with(v.name, typed)) continue;
    cx.add(std::string(v.name), CompletionKind::value, what, v.doc, std::string(v.name), range);
  }
}

/// Inside `--mount=<value>`: `value_begin` is where the value starts.
void complete_mount(Context& cx, uint32_t instr, uint32_t value_begin) {
  std::string_view value = cx.text.substr(value_begin, cx.offset - value_begin);
  const size_t comma = value.rfind(',');
  const uint32_t field_begin =
      value_begin + static_cast<uint32_t>(comma == std::string_view::npos ? 0 : comma + 1);
  std::string_view field = cx.text.substr(field_begin, cx.offset - field_begin);
  // The fields written so far: the type and the keys already present.
  std::string type = "bind";
  std::unordered_set<std::string> present;
  std::string_view all =
      cx.text.substr(value_begin, cx.word_end([](char c) { return !is_space(c); }) - value_begin);
  for (size_t pos = 0; pos <= all.size();) {
    size_t next = all.find(',', pos);
    if (next == std::string_view::npos) next = all.size();
    std::string_view f = all.substr(pos, next - pos);
    const size_t eq = f.find('=');
    std::string key = lower(f.substr(0, eq));
    if (key == "type" && eq != std::string_view::npos) type = lower(f.substr(eq + 1));
    if (value_begin + pos != field_begin) present.insert(key);
    pos = next + 1;
  }
  if (const size_t eq = field.find('='); eq != std::string_view::npos) {
    const std::string key = lower(field.substr(0, eq));
    const uint32_t vbegin = field_begin + static_cast<uint32_t>(eq) + 1;
    if (key == "type") return complete_values(cx, detail::mount_types(), vbegin, "mount type");
    if (key == "sharing")
      return complete_values(cx, detail::sharing_values(), vbegin, "cache sharing mode");
    if (key == "from") {
      const TextRange range{vbegin, cx.word_end([](char c) { return !is_space(c) && c != ','; })};
      return complete_stages(cx, instr, range, false);
    }
    return;
  }
  const TextRange range{field_begin, cx.word_end([](char c) { return !is_space(c) && c != ','; })};
  if (!present.contains("type") && istarts_with("type", field))
    cx.add("type", CompletionKind::property, "mount type",
           "`bind` (default), `cache`, `tmpfs`, `secret` or `ssh`", "type=", range);
  const unsigned bit = detail::mount_bit(type);
  for (const detail::MountOption& o : detail::mount_options()) {
    if (!(o.types & bit) || present.contains(std::string(o.name)) || !istarts_with(o.name, field))
      continue;
    const bool bare = o.name == "readonly" || o.name == "rw" || o.name == "required";
    cx.add(std::string(o.name), CompletionKind::property, fmt::format("{} mount option", type),
           o.doc, std::string(o.name) + (bare ? "" : "="), range);
  }
}

/// Whether every word between `from` and `to` is a flag (`--...`), line continuations aside.
bool only_flags_between(std::string_view text, uint32_t from, uint32_t to, char escape) {
  uint32_t i = from;
  while (i < to) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == escape) {  // a continuation: escape, blanks, line ending
      uint32_t j = i + 1;
      while (j < to && is_blank(text[j])) ++j;
      if (j < to && (text[j] == '\n' || text[j] == '\r')) {
        i = j;
        continue;
      }
    }
    if (c == '#') {  // a comment line inside a continuation
      while (i < to && text[i] != '\n') ++i;
      continue;
    }
    if (text.substr(i, 2) != "--") return false;
    while (i < to && !is_space(text[i])) ++i;
  }
  return true;
}

void complete_in_instruction(Context& cx, uint32_t index) {
  const ast::Instruction& top = cx.doc.ast.instructions[index];
  const ast::Instruction& in = top.inner ? *top.inner : top;
  // Heredoc bodies are file contents or scripts: nothing to offer there but variables.
  for (const ast::Heredoc& h : top.heredocs)
    if (cx.offset >= h.body.begin &&
        (h.body.contains(cx.offset) || h.terminator.contains(cx.offset)))
      return;

  // `$NAME` / `${NAME`
  uint32_t s = cx.offset;
  while (s > 0 && is_name_char(cx.text[s - 1])) --s;
  if (s > 0 && cx.text[s - 1] == '$' && (s < 2 || cx.text[s - 2] != cx.doc.ast.escape))
    return complete_variables(cx, index, s, false);
  if (s > 1 && cx.text[s - 1] == '{' && cx.text[s - 2] == '$')
    return complete_variables(cx, index, s, true);

  uint32_t ws = cx.offset;
  while (ws > 0 && !is_space(cx.text[ws - 1])) --ws;
  if (ws < in.keyword.range.end) return;
  std::string_view word = cx.text.substr(ws, cx.offset - ws);
  const bool flag_area = only_flags_between(cx.text, in.keyword.range.end, ws, cx.doc.ast.escape);
  if (!flag_area) return;
  if (word.starts_with("--")) {
    if (const size_t eq = word.find('='); eq != std::string_view::npos) {
      const std::string name = lower(word.substr(2, eq - 2));
      const uint32_t vbegin = ws + static_cast<uint32_t>(eq) + 1;
      const TextRange range{vbegin, cx.word_end([](char c) { return !is_space(c); })};
      if (in.kind == ast::InstrKind::copy && name == "from")
        return complete_stages(cx, index, range, false);
      if (in.kind == ast::InstrKind::run && name == "mount")
        return complete_mount(cx, index, vbegin);
      if (in.kind == ast::InstrKind::run && name == "network")
        return complete_values(cx, detail::network_values(), vbegin, "network mode");
      if (in.kind == ast::InstrKind::run && name == "security")
        return complete_values(cx, detail::security_values(), vbegin, "security mode");
      if (in.kind == ast::InstrKind::from && name == "platform") {
        static constexpr detail::ValueDoc kPlatforms[] = {
            {"$BUILDPLATFORM", "The builder's own platform: for stages that only produce files."},
            {"$TARGETPLATFORM", "The platform being built (`--platform` of `docker build`)."},
            {"linux/amd64", "64-bit x86 Linux."},
            {"linux/arm64", "64-bit ARM Linux."},
        };
        return complete_values(cx, kPlatforms, vbegin, "platform");
      }
      return;
    }
    const TextRange range{ws, cx.word_end([](char c) { return !is_space(c); })};
    std::string_view typed = word.substr(2);
    for (const detail::FlagDoc& f : detail::flag_docs()) {
      if (f.kind != in.kind || !istarts_with(f.name, typed)) continue;
      cx.add(fmt::format("--{}", f.name), CompletionKind::property, f.syntax, f.doc,
             fmt::format("--{}{}", f.name, f.takes_value ? "=" : ""), range);
    }
    return;
  }
  if (in.kind == ast::InstrKind::from && !word.starts_with("-")) {
    const TextRange range{ws, cx.word_end([](char c) { return !is_space(c); })};
    complete_stages(cx, index, range, true);
  }
}

}  // namespace

std::vector<CompletionItem> complete(const DocumentView& doc, size_t raw_offset) {
  Context cx{doc, doc.source.text(), detail::clamp_offset(doc, raw_offset), {}};
  const LineIndex& lines = doc.source.lines();
  const uint32_t line_begin = lines.line_start(lines.line_of(cx.offset));
  uint32_t first = line_begin;
  while (first < cx.offset && is_blank(cx.text[first])) ++first;
  // The BOM of the first line is not part of a keyword.
  if (line_begin == 0 && cx.text.substr(0, 3) == "\xEF\xBB\xBF" && cx.offset >= 3)
    first = std::max(first, 3u);
  std::string_view typed = cx.text.substr(first, cx.offset - first);

  const uint32_t index = detail::instruction_at(doc, cx.offset);
  const bool continuation =
      index != model::npos && doc.ast.instructions[index].range.begin < line_begin;

  if (!continuation && typed.starts_with("#")) {
    // Parser directives: only above the first instruction and before any other comment line.
    const bool top =
        doc.ast.instructions.empty() || doc.ast.instructions.front().range.begin > cx.offset;
    bool only_directives = true;
    for (const ast::Comment& c : doc.ast.comments)
      if (c.range.begin < line_begin) only_directives = false;
    if (!top || !only_directives) return {};
    uint32_t b = first + 1;
    while (b < cx.offset && is_blank(cx.text[b])) ++b;
    for (uint32_t k = b; k < cx.offset; ++k)
      if (is_blank(cx.text[k])) return {};
    complete_directives(cx, b);
    return std::move(cx.items);
  }
  if (!continuation) {
    const bool all_alpha = std::all_of(typed.begin(), typed.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) != 0;
    });
    if (all_alpha) {
      complete_keywords(
          cx, first,
          index != model::npos && doc.ast.instructions[index].range.begin >= line_begin
              ? index
              : model::npos,
          false);
      return std::move(cx.items);
    }
    // After ONBUILD: the wrapped instruction's keyword.
    if (istarts_with(typed, "onbuild") && typed.size() > 7 && is_blank(typed[7])) {
      uint32_t b = first + 7;
      while (b < cx.offset && is_blank(cx.text[b])) ++b;
      std::string_view rest = cx.text.substr(b, cx.offset - b);
      if (std::all_of(rest.begin(), rest.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
        complete_keywords(cx, b, index, true);
        return std::move(cx.items);
      }
    }
  }
  if (index != model::npos) complete_in_instruction(cx, index);
  return std::move(cx.items);
}

}  // namespace dfopt::lsp
