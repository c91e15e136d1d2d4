// The formatter: one pass over the physical lines, each classified from the AST (outside any
// instruction, an instruction's first line, a continuation line, or heredoc content kept
// byte for byte), rewriting only blanks and keyword case.

#include "dfopt/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "dfopt/parse.h"

namespace dfopt {
namespace {

enum class LineKind : uint8_t { outside, head, cont, verbatim };

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view rstrip(std::string_view s) {
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view lstrip(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

bool all_blank(std::string_view s) { return lstrip(s).empty(); }

/// Instructions whose arguments a shell reads: `#` starts a shell comment and `\` escapes.
bool shell_kind(ast::InstrKind k) {
  using K = ast::InstrKind;
  return k == K::run || k == K::cmd || k == K::entrypoint || k == K::healthcheck || k == K::shell;
}

/// For each continuation of `in` (by index), whether it lies outside any quoted string (or in a
/// shell comment), so that the blanks around it only separate words and may be rewritten.
std::vector<bool> safe_junctions(std::string_view text, const ast::Instruction& top,
                                 const std::vector<bool>& skip_line, const LineIndex& lines,
                                 char escape) {
  const ast::Instruction& in = top.inner ? *top.inner : top;
  std::vector<bool> safe(top.continuations.size(), false);
  const bool shell = shell_kind(in.kind);
  // A shell reads RUN's backslashes itself; with another escape character the quoting of the
  // command is not tracked, so its continuations are left as written.
  if (shell && escape != '\\') return safe;
  const char esc = shell ? '\\' : escape;
  enum class Q : uint8_t { none, single, ansi, dbl, comment } q = Q::none;
  char prev = ' ';
  uint32_t p = in.keyword.range.end;
  const uint32_t end = top.range.end;
  size_t next_cont = 0;
  while (next_cont < top.continuations.size() && top.continuations[next_cont].begin < p)
    ++next_cont;
  while (p < end) {
    if (next_cont < top.continuations.size() && p == top.continuations[next_cont].begin) {
      safe[next_cont] = q == Q::none || q == Q::comment;
      p = top.continuations[next_cont].end;
      ++next_cont;
      // Comment and blank lines inside the continuation are not part of the text.
      while (p < end) {
        const uint32_t l = lines.line_of(p);
        if (l < skip_line.size() && skip_line[l]) {
          p = lines.line_start(l + 1);
          if (lines.line_of(p) == l) return safe;  // last line
          continue;
        }
        break;
      }
      continue;
    }
    const char c = text[p];
    if (c == '\n') break;  // a heredoc body follows: its text is not the instruction's
    const bool cont_next =
        next_cont < top.continuations.size() && p + 1 == top.continuations[next_cont].begin;
    const char q_esc = q == Q::ansi ? '\\' : esc;
    if ((q == Q::none || q == Q::dbl || q == Q::ansi) && c == q_esc) {
      // An escaped character; a continuation right after is handled at its own start.
      prev = 'x';
      p += cont_next ? 1 : 2;
      continue;
    }
    switch (q) {
      case Q::none:
        if (c == '\'')
          q = prev == '$' && shell ? Q::ansi : Q::single;
        else if (c == '"')
          q = Q::dbl;
        else if (shell && c == '#' && is_blank(prev))
          q = Q::comment;
        break;
      case Q::single:
      case Q::ansi:
        if (c == '\'') q = Q::none;
        break;
      case Q::dbl:
        if (c == '"') q = Q::none;
        break;
      case Q::comment:
        break;
    }
    prev = c;
    ++p;
  }
  return safe;
}

bool is_healthcheck_keyword(std::string_view word) {
  std::string low(word);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low == "cmd" || low == "none";
}

std::string cased(std::string_view word, KeywordCase kc) {
  std::string out(word);
  if (kc == KeywordCase::preserve) return out;
  for (char& c : out)
    c = static_cast<char>(kc == KeywordCase::upper ? std::toupper(static_cast<unsigned char>(c))
                                                   : std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Formatter {
 public:
  Formatter(const SourceFile& source, const ast::Dockerfile& df, const FormatOptions& options)
      : text_(source.text()), lines_(source.lines()), df_(df), options_(options) {}

  std::string run();

 private:
  struct InstrInfo {
    uint32_t index;
    std::vector<bool> safe;  // per continuation
  };

  uint32_t content_end(uint32_t line) const {
    uint32_t e = lines_.line_end(line, text_);
    if (e > lines_.line_start(line) && text_[e - 1] == '\r') --e;
    return e;
  }
  uint32_t next_line_start(uint32_t line) const {
    return line >= lines_.line_count() ? static_cast<uint32_t>(text_.size())
                                       : lines_.line_start(line + 1);
  }
  /// Appends the text [b, e) of one line of instruction `in`, with its keywords cased and the
  /// blanks after a keyword made one space.
  void emit_words(const ast::Instruction& top, uint32_t b, uint32_t e, std::string& out) const;
  void classify();

  std::string_view text_;
  const LineIndex& lines_;
  const ast::Dockerfile& df_;
  const FormatOptions& options_;
  std::vector<LineKind> kind_;
  std::vector<uint32_t> owner_;     // instruction of each line
  std::vector<bool> skip_line_;     // comment or blank line inside a continuation
  std::vector<bool> comment_line_;  // comment line inside a continuation
  std::vector<int32_t> cont_at_;    // continuation index ending each line, -1 if none
};

void Formatter::classify() {
  const uint32_t n = lines_.line_count();
  kind_.assign(n + 2, LineKind::outside);
  owner_.assign(n + 2, UINT32_MAX);
  skip_line_.assign(n + 2, false);
  comment_line_.assign(n + 2, false);
  cont_at_.assign(n + 2, -1);
  for (const ast::Comment& c : df_.comments) {
    if (!c.inside_instruction) continue;
    const uint32_t l = lines_.line_of(c.range.begin);
    skip_line_[l] = comment_line_[l] = true;
  }
  for (uint32_t i = 0; i < df_.instructions.size(); ++i) {
    const ast::Instruction& in = df_.instructions[i];
    const uint32_t first = lines_.line_of(in.range.begin), last = lines_.line_of(in.range.end);
    for (uint32_t l = first; l <= last && l <= n; ++l) {
      kind_[l] = l == first ? LineKind::head : LineKind::cont;
      owner_[l] = i;
    }
    for (TextRange r : in.empty_continuation_lines) skip_line_[lines_.line_of(r.begin)] = true;
    for (size_t k = 0; k < in.continuations.size(); ++k)
      cont_at_[lines_.line_of(in.continuations[k].begin)] = static_cast<int32_t>(k);
    const std::vector<ast::Heredoc>& docs = in.inner ? in.inner->heredocs : in.heredocs;
    for (const ast::Heredoc& h : docs) {
      uint32_t lo, hi;
      if (!h.body.empty())
        lo = lines_.line_of(h.body.begin);
      else if (!h.terminator.empty())
        lo = lines_.line_of(h.terminator.begin);
      else
        continue;
      hi = !h.terminator.empty() ? lines_.line_of(h.terminator.begin)
                                 : lines_.line_of(h.body.end - 1);
      for (uint32_t l = lo; l <= hi && l <= n; ++l) kind_[l] = LineKind::verbatim;
    }
  }
  for (uint32_t l = 1; l <= n; ++l)
    if (kind_[l] == LineKind::cont &&
        all_blank(text_.substr(lines_.line_start(l), content_end(l) - lines_.line_start(l))))
      skip_line_[l] = true;
}

void Formatter::emit_words(const ast::Instruction& top, uint32_t b, uint32_t e,
                           std::string& out) const {
  // Keywords to case, and the ends of keywords after which blanks become one space.
  const ast::Instruction* parts[2] = {&top, top.inner.get()};
  uint32_t p = b;
  auto copy_to = [&](uint32_t to) {
    if (to > p) out.append(text_.substr(p, to - p));
    p = std::max(p, to);
  };
  auto keyword = [&](TextRange r, bool gap) {
    if (r.empty() || r.begin < p || r.end > e) return;
    copy_to(r.begin);
    out += cased(text_.substr(r.begin, r.size()), options_.keyword_case);
    p = r.end;
    if (!gap) return;
    uint32_t g = p;
    while (g < e && is_blank(text_[g])) ++g;
    // Before the end of the line or a continuation, the trailing-blank rules apply instead.
    if (g >= e || g == p) return;
    if (text_[g] == df_.escape && all_blank(text_.substr(g + 1, e - g - 1))) return;
    out += ' ';
    p = g;
  };
  for (const ast::Instruction* in : parts) {
    if (!in) continue;
    if (in->kind != ast::InstrKind::unknown) keyword(in->keyword.range, true);
    if (in->from_as) keyword(in->from_as->range, false);
    // Only the keywords: another word there is an error BuildKit reports as written.
    if (in->healthcheck_type && is_healthcheck_keyword(in->healthcheck_type->value))
      keyword(in->healthcheck_type->range, false);
  }
  copy_to(e);
}

std::string Formatter::run() {
  classify();
  const uint32_t n = lines_.line_count();
  std::string out;
  out.reserve(text_.size() + text_.size() / 8);
  const std::string indent(options_.indent, ' ');
  std::vector<InstrInfo> info(df_.instructions.size());
  bool any_output = false;         // a non-blank line has been written
  std::string_view pending_blank;  // the line ending of a blank line waiting to be written
  bool reindent = false;           // the previous continuation allows indenting the next line
  std::string_view last_eol = "\n";
  LineKind last_kind = LineKind::outside;

  for (uint32_t l = 1; l <= n; ++l) {
    uint32_t b = lines_.line_start(l);
    const uint32_t ce = content_end(l);
    const uint32_t ne = next_line_start(l);
    if (b == text_.size() && l == n) break;  // the empty last "line" after a final newline
    std::string_view eol = text_.substr(ce, ne - ce);
    if (l == 1 && df_.has_bom && text_.substr(0, 3) == "\xEF\xBB\xBF") {
      out.append(text_.substr(0, 3));
      b = 3;
    }
    const std::string_view content = text_.substr(b, ce - b);
    const LineKind kind = kind_[l];

    if (kind == LineKind::outside && all_blank(content)) {
      if (any_output && pending_blank.empty())
        pending_blank = eol.empty() ? std::string_view("\n") : eol;
      continue;
    }
    if (!pending_blank.empty()) {
      out.append(pending_blank);
      pending_blank = {};
    }
    any_output = true;
    last_eol = eol;
    last_kind = kind;

    switch (kind) {
      case LineKind::verbatim:
        out.append(text_.substr(b, ne - b));
        continue;
      case LineKind::outside:
        // Comments (and directives) start at the first column; nothing else appears here in a
        // file that parses.
        out.append(rstrip(content.starts_with('#') || lstrip(content).starts_with('#')
                              ? lstrip(content)
                              : content));
        out.append(eol);
        continue;
      case LineKind::head:
      case LineKind::cont:
        break;
    }
    const uint32_t idx = owner_[l];
    const ast::Instruction& in = df_.instructions[idx];
    if (kind == LineKind::head) {
      info[idx].safe = safe_junctions(text_, in, skip_line_, lines_, df_.escape);
      reindent = false;
    }
    if (kind == LineKind::cont && skip_line_[l]) {
      if (comment_line_[l]) out += indent + std::string(rstrip(lstrip(content)));
      out.append(eol);
      continue;
    }
    // Where this line's words start.
    uint32_t words = b;
    if (kind == LineKind::head) {
      words = std::min(std::max(b, in.keyword.range.begin), ce);
    } else if (reindent) {
      out += indent;
      while (words < ce && is_blank(text_[words])) ++words;
    }
    reindent = false;
    const int32_t k = cont_at_[l];
    if (k < 0 || owner_[l] != idx) {
      const uint32_t e = b + static_cast<uint32_t>(rstrip(content).size());
      emit_words(in, words, std::max(words, e), out);
      out.append(eol);
      continue;
    }
    // The line ends with a continuation: words, blanks, escape, blanks.
    const uint32_t esc = in.continuations[static_cast<size_t>(k)].begin;
    const std::string_view body = text_.substr(words, esc - words);
    const bool safe =
        static_cast<size_t>(k) < info[idx].safe.size() && info[idx].safe[static_cast<size_t>(k)];
    // The next line with words decides whether the junction already holds a blank.
    uint32_t next = l + 1;
    while (next <= n && kind_[next] == LineKind::cont && owner_[next] == idx && skip_line_[next])
      ++next;
    const bool next_words = next <= n && kind_[next] == LineKind::cont && owner_[next] == idx;
    const bool next_blank = next_words && is_blank(text_[lines_.line_start(next)]);
    const bool has_blank = (!body.empty() && is_blank(body.back())) || next_blank;
    if (safe && (has_blank || !next_words)) {
      const std::string_view trimmed = rstrip(body);
      emit_words(in, words, words + static_cast<uint32_t>(trimmed.size()), out);
      if (!trimmed.empty() || kind == LineKind::head) out += ' ';
      reindent = next_words;
    } else {
      emit_words(in, words, esc, out);
    }
    out += df_.escape;
    out.append(eol);
  }
  // One line ending at the end of the file (none added after heredoc content).
  if (!out.empty() && last_kind != LineKind::verbatim && last_eol.empty())
    out += df_.crlf ? "\r\n" : "\n";
  return out;
}

}  // namespace

std::string format(const SourceFile& source, const ast::Dockerfile& ast,
                   const FormatOptions& options) {
  return Formatter(source, ast, options).run();
}

FormatResult format_source(const SourceFile& source, const FormatOptions& options) {
  FormatResult r;
  ParseResult parsed = parse(source);
  for (const Diagnostic& d : parsed.diagnostics) {
    if (d.severity != Severity::error) continue;
    const Position pos = source.position(d.range.begin);
    r.error = fmt::format("{}:{}: {}", pos.line, pos.column, d.message);
    r.text = std::string(source.text());
    return r;
  }
  r.text = format(source, parsed.ast, options);
  r.changed = r.text != source.text();
  return r;
}

}  // namespace dfopt
