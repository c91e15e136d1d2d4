#pragma once
// A layout-free summary of a parsed Dockerfile, to check that a rewrite that only changes layout
// (the formatter) keeps what BuildKit reads: each instruction's kind, flags, arguments with runs
// of blanks collapsed and the keywords `AS`/`CMD`/`NONE` in lower case, heredoc contents, and
// every comment and directive.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/source.h"

namespace dfopt::test {

inline std::string squash_blanks(std::string_view s) {
  std::string out;
  bool blank = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

inline std::string lower_keywords(std::string_view text) {
  std::string out, word;
  auto flush = [&] {
    std::string low = word;
    for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out += (low == "as" || low == "cmd" || low == "none") ? low : word;
    word.clear();
  };
  for (char c : text) {
    if (c == ' ') {
      flush();
      out += ' ';
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

inline std::string describe_instruction(const ast::Instruction& in) {
  std::string d = std::string(ast::keyword_name(in.kind)) + "|";
  // ONBUILD's arguments are its instruction, keyword included: compare that instruction.
  if (in.inner) return d + "{" + describe_instruction(*in.inner) + "}";
  for (const ast::Flag& f : in.flags) d += f.text + "|";
  const bool keywords = in.kind == ast::InstrKind::from || in.kind == ast::InstrKind::healthcheck;
  for (const ast::Word& a : in.args) {
    const std::string v = squash_blanks(a.value);
    d += (keywords ? lower_keywords(v) : v) + "|";
  }
  const std::string text = squash_blanks(in.args_text.value);
  d += "#" + (keywords ? lower_keywords(text) : text) + "|";
  for (const ast::Heredoc& h : in.heredocs) d += "<<" + h.name + ":" + h.content + "|";
  return d;
}

inline std::vector<std::string> layout_free(const SourceFile& file, const ast::Dockerfile& df) {
  std::vector<std::string> out;
  for (const ast::Instruction& in : df.instructions) out.push_back(describe_instruction(in));
  for (const ast::Comment& c : df.comments)
    out.push_back("comment " + squash_blanks(file.slice(c.range)));
  for (const ast::Directive& d : df.directives)
    out.push_back("directive " + d.name + "=" + d.value);
  return out;
}

}  // namespace dfopt::test
