#include "parse/lexer.h"

#include <fmt/format.h>

#include "parse/line_parsers.h"

namespace dfopt::detail {

using grammar::DockerfileLexer;
using Tok = antlr4::Token;

int64_t SourceCharStream::load_bytes(std::string_view text, uint32_t begin) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const auto n = static_cast<uint32_t>(text.size());
  base_ = begin;
  _data.clear();
  _data.reserve(n - begin);
  p = 0;
  bool ascii = true;
  for (uint32_t i = begin; i < n; ++i) {
    if (s[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  identity_ = ascii;
  if (ascii) {
    for (uint32_t i = begin; i < n; ++i) _data.push_back(s[i]);
    return -1;
  }
  offsets_.clear();
  offsets_.reserve(n - begin + 1);
  int64_t first_invalid = -1;
  uint32_t i = begin;
  while (i < n) {
    unsigned char c = s[i];
    char32_t cp = c;
    uint32_t len = 1;
    auto cont = [&](uint32_t k) { return i + k < n && (s[i + k] & 0xC0) == 0x80; };
    if (c < 0x80) {
    } else if (c >= 0xC2 && c <= 0xDF && cont(1)) {
      cp = char32_t((c & 0x1F) << 6 | (s[i + 1] & 0x3F));
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
      cp = char32_t((c & 0x0F) << 12 | (s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F));
      len = (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? 3 : 1;
    } else if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
      cp = char32_t((c & 0x07) << 18 | (s[i + 1] & 0x3F) << 12 | (s[i + 2] & 0x3F) << 6 |
                    (s[i + 3] & 0x3F));
      len = (cp >= 0x10000 && cp <= 0x10FFFF) ? 4 : 1;
    } else {
      len = 0;
    }
    if (len <= 1 && c >= 0x80) {
      // Not a valid sequence: one code point per byte in a range no lexer rule names.
      if (first_invalid < 0) first_invalid = i;
      cp = 0xDC00 + c;
      len = 1;
    }
    _data.push_back(cp);
    offsets_.push_back(i);
    i += len;
  }
  offsets_.push_back(n);
  return first_invalid;
}

size_t SourceCharStream::index_of_byte(uint32_t byte) const {
  if (identity_) return byte < base_ ? 0 : byte - base_;
  return static_cast<size_t>(std::lower_bound(offsets_.begin(), offsets_.end(), byte) -
                             offsets_.begin());
}

DockerLexer::DockerLexer(SourceCharStream* input) : DockerfileLexer(input), stream_(input) {
  removeErrorListeners();  // every input lexes (see the grammar); nothing to report
}

void DockerLexer::begin(std::string_view text) {
  setInputStream(stream_);  // resets the lexer's state and modes
  text_ = text;
  lines_.clear();
  directives_.clear();
  diagnostics_.clear();
  pending_.clear();
  current_.clear();
  escape_ = '\\';
  directives_open_ = true;
  in_instruction_ = false;
  previous_was_escape_ = false;
}

uint32_t DockerLexer::start_of(const Tok& t) const {
  return stream_->byte_offset(t.getStartIndex());
}

uint32_t DockerLexer::end_of(const Tok& t) const {
  return stream_->byte_offset(t.getStopIndex() + 1);
}

namespace {

// RE2's \s, used by BuildKit's directive regexp.
bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

void DockerLexer::on_comment(Tok& t) {
  if (!directives_open_) return;
  // processLine trims the leading blanks and the line ending.
  const auto [b, e] = comment_range(text_, start_of(t), end_of(t));
  std::string_view line = text_.substr(b, e - b);
  // ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
  size_t i = 1;
  while (i < line.size() && is_re2_space(line[i])) ++i;
  size_t name_begin = i;
  if (i < line.size() && is_alpha(line[i])) {
    while (i < line.size() && is_alnum(line[i])) ++i;
  }
  size_t name_end = i;
  while (i < line.size() && is_re2_space(line[i])) ++i;
  if (name_end == name_begin || i >= line.size() || line[i] != '=') {
    directives_open_ = false;
    return;
  }
  ++i;
  size_t rest = i;
  while (i < line.size() && is_re2_space(line[i])) ++i;
  size_t value_begin = i, value_end = line.size();
  while (value_end > value_begin && is_re2_space(line[value_end - 1])) --value_end;
  if (value_begin == value_end) {
    // Only blanks after '=': the lazy (.+?) still takes one character, the last blank.
    if (rest == line.size()) {
      directives_open_ = false;
      return;
    }
    value_begin = line.size() - 1;
    value_end = line.size();
  }
  std::string name = lower(line.substr(name_begin, name_end - name_begin));
  if (name != "syntax" && name != "escape" && name != "check") {
    directives_open_ = false;
    return;
  }
  TextRange range{b, e};
  for (const auto& d : directives_) {
    if (d.name == name) {
      diagnostics_.push_back({"syntax-error", Severity::error,
                              fmt::format("only one {} parser directive can be used", name),
                              range});
      static_cast<antlr4::CommonToken&>(t).setType(DIRECTIVE);
      return;
    }
  }
  ast::Directive d;
  d.name = name;
  d.value = std::string(line.substr(value_begin, value_end - value_begin));
  d.range = range;
  d.name_range = {b + static_cast<uint32_t>(name_begin), b + static_cast<uint32_t>(name_end)};
  d.value_range = {b + static_cast<uint32_t>(value_begin), b + static_cast<uint32_t>(value_end)};
  if (name == "escape") {
    if (d.value == "`" || d.value == "\\") {
      escape_ = d.value[0];
    } else {
      diagnostics_.push_back(
          {"syntax-error", Severity::error,
           fmt::format("invalid escape token '{}' does not match ` or \\", d.value), d.value_range});
    }
  }
  directives_.push_back(std::move(d));
  static_cast<antlr4::CommonToken&>(t).setType(DIRECTIVE);
}

void DockerLexer::start_instruction(const Tok& t) {
  directives_open_ = false;
  in_instruction_ = true;
  previous_was_escape_ = false;
  current_.clear();
  current_.begin = start_of(t);
}

void DockerLexer::append(const Tok& t) {
  uint32_t b = start_of(t);
  uint32_t e = end_of(t);
  current_.append(text_.substr(b, e - b), b);
  current_.end = e;
}

void DockerLexer::on_escape_candidate(Tok& t, bool is_escape) {
  auto& token = static_cast<antlr4::CommonToken&>(t);
  if (!is_escape) {
    token.setType(TEXT);
    append(t);
    previous_was_escape_ = false;
    return;
  }
  // BuildKit: ([^E])E[ \t]*$|^E[ \t]*$ on the line without its trailing \r\n. An escape token
  // right after another one is escaped itself and does not continue the line.
  if (!previous_was_escape_) {
    ssize_t k = 1;
    while (_input->LA(k) == ' ' || _input->LA(k) == '\t') ++k;
    while (_input->LA(k) == '\r') ++k;
    size_t c = _input->LA(k);
    if (c == '\n' || c == Tok::EOF) {
      ssize_t consume = c == '\n' ? k : k - 1;
      for (ssize_t i = 0; i < consume; ++i) _input->consume();
      token.setType(LINE_CONT);
      token.setStopIndex(_input->index() - 1);
      setMode(CONT);
      current_.continuations.push_back({start_of(t), end_of(t)});
      current_.end = end_of(t);
      previous_was_escape_ = false;
      return;
    }
  }
  token.setType(ESCAPE);
  append(t);
  previous_was_escape_ = true;
}

void DockerLexer::finish_instruction() {
  in_instruction_ = false;
  const std::string& line = current_.text;
  if (line.find("<<") != std::string::npos && can_contain_heredoc(line)) {
    current_.heredocs_checked = true;
    read_heredoc_bodies();
  }
  lines_.push_back(std::move(current_));
  current_.clear();
}

void DockerLexer::read_heredoc_bodies() {
  std::vector<HeredocOpener> openers;
  TextRange where{current_.begin, current_.end};
  if (auto err = heredocs_from_line(current_.text, openers)) {
    diagnostics_.push_back({"syntax-error", Severity::error, *err, where});
    return;
  }
  for (HeredocOpener& o : openers) {
    ast::Heredoc h;
    h.name = std::move(o.name);
    h.expand = o.expand;
    h.chomp = o.chomp;
    h.fd = o.fd;
    h.opener = current_.to_source(o.span.begin, o.span.end);
    size_t body_cp = _input->index();
    uint32_t body_begin = stream_->byte_offset(body_cp);
    uint32_t body_end = body_begin;
    h.terminated = false;
    while (_input->LA(1) != Tok::EOF) {
      size_t line_cp = _input->index();
      while (_input->LA(1) != Tok::EOF) {
        size_t c = _input->LA(1);
        _input->consume();
        if (c == '\n') break;
      }
      uint32_t lb = stream_->byte_offset(line_cp);
      uint32_t le = stream_->byte_offset(_input->index());
      // trimNewline, then leading tabs for <<-
      uint32_t cb = lb, ce = trim_line_ending(text_, lb, le);
      if (h.chomp) {
        while (cb < ce && text_[cb] == '\t') ++cb;
      }
      if (text_.substr(cb, ce - cb) == h.name) {
        h.terminated = true;
        uint32_t te = trim_line_ending(text_, lb, le);
        h.terminator = {lb, te};
        current_.end = te;
        break;
      }
      body_end = le;
      current_.end = le;
    }
    h.body = {body_begin, body_end};
    h.content = std::string(text_.substr(body_begin, body_end - body_begin));
    if (!h.terminated) {
      diagnostics_.push_back({"syntax-error", Severity::error,
                              fmt::format("unterminated heredoc '{}'", h.name), h.opener});
    }
    if (_input->index() > body_cp) {
      pending_.push_back(_factory->create({this, _input}, HEREDOC, "", DEFAULT_TOKEN_CHANNEL,
                                          body_cp, _input->index() - 1, 0, 0));
    }
    current_.heredocs.push_back(std::move(h));
  }
}

std::unique_ptr<Tok> DockerLexer::nextToken() {
  if (!pending_.empty()) {
    auto t = std::move(pending_.front());
    pending_.pop_front();
    return t;
  }
  auto t = DockerfileLexer::nextToken();
  switch (t->getType()) {
    case COMMENT:
      on_comment(*t);
      break;
    case BLANK:
    case WS:
      directives_open_ = false;
      break;
    case Tok::EOF:
      break;
    case BACKSLASH:
    case BACKTICK:
      // The line starts with an escape candidate (`\` alone continues it): the keyword is only
      // known from the joined text, so everything is ARGS.
      start_instruction(*t);
      if (reference_mode_) {
        read_instruction(std::move(t));
      } else {
        scan_instruction(start_of(*t));
      }
      t = std::move(pending_.front());
      pending_.pop_front();
      break;
    default:  // a keyword or another first word
      start_instruction(*t);
      append(*t);
      if (reference_mode_) {
        read_instruction(nullptr);
      } else {
        scan_instruction(end_of(*t));
      }
      break;
  }
  return t;
}

void DockerLexer::read_instruction(std::unique_ptr<Tok> first) {
  size_t args_start = SIZE_MAX, args_stop = 0;
  auto take = [&](const Tok& tok) {
    if (args_start == SIZE_MAX) args_start = tok.getStartIndex();
    args_stop = tok.getStopIndex();
  };
  if (first) {
    on_escape_candidate(*first, (first->getType() == BACKSLASH) == (escape_ == '\\'));
    take(*first);
  }
  for (;;) {
    size_t mode_before = mode;
    auto t = DockerfileLexer::nextToken();
    size_t type = t->getType();
    if (type == NEWLINE || type == Tok::EOF) {
      if (type == NEWLINE) popMode();
      trim_trailing_cr();
      if (args_start != SIZE_MAX) {
        pending_.push_back(_factory->create({this, _input}, ARGS, "", DEFAULT_TOKEN_CHANNEL,
                                            args_start, args_stop, 0, 0));
      }
      pending_.push_back(std::move(t));
      finish_instruction();
      return;
    }
    switch (type) {
      case BACKSLASH:
      case BACKTICK:
        on_escape_candidate(*t, (type == BACKSLASH) == (escape_ == '\\'));
        break;
      case TEXT: {
        uint32_t b = start_of(*t), e = end_of(*t);
        // A whitespace-only last line inside a continuation is an empty continuation line.
        bool blank = mode_before == CONT && _input->LA(1) == Tok::EOF &&
                     text_.substr(b, e - b).find_first_not_of(" \t\f\v\r") == std::string_view::npos;
        if (blank) {
          current_.empty_lines.push_back({b, e});
          current_.end = e;
        } else {
          append(*t);
        }
        previous_was_escape_ = false;
        break;
      }
      case CONT_COMMENT: {
        current_.end = end_of(*t);
        current_.comments.push_back(comment_range(text_, start_of(*t), end_of(*t)));
        break;
      }
      case CONT_EMPTY:
        current_.empty_lines.push_back({start_of(*t), end_of(*t)});
        current_.end = end_of(*t);
        break;
      default:
        break;  // cannot happen: INSTR and CONT produce only the types above
    }
    take(*t);
  }
}

// The INSTR and CONT modes of the grammar as a byte scanner. Instruction bodies are most of a
// Dockerfile's bytes, and their lexical structure is a few byte classes ('\n', the escape
// tokens, blanks and '#' at a continuation line's start), so scanning them directly costs a
// fraction of the generated lexer's DFA walk and per-character locking, and leaves each RUN
// body to be lexed once, by the shell grammar. Tests check that both paths build the same AST
// on the whole corpus (Parser reference mode).
void DockerLexer::scan_instruction(uint32_t body_begin) {
  const std::string_view s = text_;
  const auto n = static_cast<uint32_t>(s.size());
  const char escape = escape_;
  uint32_t pos = body_begin;
  uint32_t args_begin = UINT32_MAX, args_end = 0;
  auto mark = [&](uint32_t b, uint32_t e) {
    if (args_begin == UINT32_MAX) args_begin = b;
    args_end = e;
    current_.end = e;
  };
  auto text = [&](uint32_t b, uint32_t e) {
    current_.append(s.substr(b, e - b), b);
    mark(b, e);
  };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; };
  bool line_start = false;  // at the start of a continuation line
  previous_was_escape_ = false;
  for (;;) {
    if (line_start) {
      uint32_t q = pos;
      while (q < n && blank(s[q])) ++q;
      if (q < n && s[q] == '#') {  // a comment line inside the continuation: dropped
        size_t nl = s.find('\n', q);
        uint32_t e = nl == std::string_view::npos ? n : static_cast<uint32_t>(nl) + 1;
        current_.comments.push_back(comment_range(s, pos, e));
        mark(pos, e);
        pos = e;
        continue;
      }
      if (q >= n || s[q] == '\n') {  // an empty continuation line: dropped
        uint32_t e = q < n ? q + 1 : n;
        if (e > pos) {
          current_.empty_lines.push_back({pos, e});
          mark(pos, e);
        }
        pos = e;
        if (q >= n) break;
        continue;
      }
      line_start = false;  // leading blanks of a continuation line are kept
    }
    uint32_t q = pos;
    while (q < n && s[q] != '\n' && s[q] != '\\' && s[q] != '`') ++q;
    if (q > pos) {
      text(pos, q);
      previous_was_escape_ = false;
      pos = q;
    }
    if (pos >= n || s[pos] == '\n') break;
    if (s[pos] != escape) {  // the inactive escape character is plain text
      text(pos, pos + 1);
      previous_was_escape_ = false;
      ++pos;
      continue;
    }
    if (!previous_was_escape_) {  // see on_escape_candidate for BuildKit's rule
      uint32_t k = pos + 1;
      while (k < n && (s[k] == ' ' || s[k] == '\t')) ++k;
      while (k < n && s[k] == '\r') ++k;
      if (k >= n || s[k] == '\n') {
        uint32_t e = k < n ? k + 1 : n;
        current_.continuations.push_back({pos, e});
        mark(pos, e);
        pos = e;
        line_start = true;
        continue;
      }
    }
    text(pos, pos + 1);
    previous_was_escape_ = true;
    ++pos;
  }
  trim_trailing_cr();
  if (!modeStack.empty()) popMode();
  if (args_begin != UINT32_MAX) {
    pending_.push_back(_factory->create({this, _input}, ARGS, "", DEFAULT_TOKEN_CHANNEL,
                                        stream_->index_of_byte(args_begin),
                                        stream_->index_of_byte(args_end) - 1, 0, 0));
  }
  if (pos < n) {  // the line ending that ends the instruction
    size_t nl = stream_->index_of_byte(pos);
    pending_.push_back(
        _factory->create({this, _input}, NEWLINE, "", DEFAULT_TOKEN_CHANNEL, nl, nl, 0, 0));
    stream_->jump(nl + 1);
  } else {
    stream_->jump(stream_->size());
  }
  finish_instruction();
}

void DockerLexer::trim_trailing_cr() {
  // trimNewline: CRs before the line ending are not part of the last line's text.
  auto& segs = current_.segments;
  if (segs.empty() || segs.back().source + segs.back().size != current_.end) return;
  std::string& text = current_.text;
  size_t keep = text.size();
  while (keep > segs.back().logical && text[keep - 1] == '\r') --keep;
  auto removed = static_cast<uint32_t>(text.size() - keep);
  text.resize(keep);
  segs.back().size -= removed;
  current_.end -= removed;
  if (segs.back().size == 0) segs.pop_back();
}

}  // namespace dfopt::detail
