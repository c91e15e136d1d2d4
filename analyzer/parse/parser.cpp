// The only code that sees ANTLR: runs the generated lexer and parser over a SourceFile and
// builds dfopt::ast from the parse tree and the lexer's logical lines.
#include <algorithm>
#include <cstring>
#include <deque>

#include <fmt/format.h>

#include "DockerfileParser.h"
#include "antlr4-runtime.h"
#include "dfopt/dump.h"
#include "dfopt/parse.h"
#include "parse/lexer.h"
#include "parse/line_parsers.h"

namespace dfopt {

using detail::JsonStatus;
using detail::LogicalLine;
using detail::Span;
using detail::SpanValue;
using grammar::DockerfileParser;

bool ParseResult::ok() const {
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error) return false;
  }
  return true;
}

namespace {

constexpr int kMaxOnbuildDepth = 8;

constexpr std::string_view kNotStringArray =
    "when using JSON array syntax, arrays must be comprised of strings only";

// Reports parser errors; with the grammar accepting every token sequence the lexer produces,
// any report is a bug in dfopt, so it says so.
class ErrorCollector : public antlr4::BaseErrorListener {
 public:
  std::vector<Diagnostic>* out = nullptr;
  const detail::SourceCharStream* stream = nullptr;

  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t, size_t,
                   const std::string& msg, std::exception_ptr) override {
    uint32_t at = offending ? stream->byte_offset(offending->getStartIndex()) : 0;
    out->push_back({"internal-error", Severity::error,
                    fmt::format("internal parser error: {}", msg), {at, at}});
  }
};

// Builds one instruction from a logical line (or, for ONBUILD, a part of one).
class InstructionBuilder {
 public:
  InstructionBuilder(const LogicalLine& line, char escape, std::vector<Diagnostic>& diags)
      : line_(line), text_(line.text), escape_(escape), diags_(diags) {}

  void build(Span span, ast::Instruction& ins, int depth) {
    detail::SplitCommand sc = detail::split_command(text_, span);
    ins.keyword = word(sc.keyword);
    ins.kind = ast::kind_from_keyword(ins.keyword.value);
    for (SpanValue& f : sc.flags) ins.flags.push_back(make_flag(std::move(f)));
    ins.args_text = word(sc.args);
    ins.args_map = line_.source_map(sc.args.begin, sc.args.end);
    const Span args = sc.args;
    switch (ins.kind) {
      case ast::InstrKind::add:
      case ast::InstrKind::copy:
      case ast::InstrKind::volume:
        maybe_json(args, ins, /*to_list=*/true);
        break;
      case ast::InstrKind::run:
      case ast::InstrKind::cmd:
      case ast::InstrKind::entrypoint:
      case ast::InstrKind::shell:
        if (!args.empty()) maybe_json(args, ins, /*to_list=*/false);
        break;
      case ast::InstrKind::arg:
        name_or_name_val(args, ins);
        break;
      case ast::InstrKind::env:
        name_val(args, ins, "ENV");
        break;
      case ast::InstrKind::label:
        name_val(args, ins, "LABEL");
        break;
      case ast::InstrKind::expose:
      case ast::InstrKind::from:
        if (!args.empty()) whitespace_delimited(args, ins);
        if (ins.kind == ast::InstrKind::from) from_parts(ins);
        break;
      case ast::InstrKind::healthcheck:
        health_config(args, ins);
        break;
      case ast::InstrKind::maintainer:
      case ast::InstrKind::stopsignal:
      case ast::InstrKind::user:
      case ast::InstrKind::workdir:
        if (!args.empty()) ins.args.push_back(word(args));
        break;
      case ast::InstrKind::onbuild:
        if (!args.empty()) {
          // BuildKit parses ONBUILD ONBUILD ... (the build rejects it later); bound the
          // recursion so that a hostile line cannot exhaust the stack.
          if (depth >= kMaxOnbuildDepth) {
            error("ONBUILD is nested too deeply", ins.args_text.range);
            break;
          }
          ins.inner = std::make_unique<ast::Instruction>();
          ins.inner->range = ins.args_text.range;
          build(args, *ins.inner, depth + 1);
        }
        break;
      case ast::InstrKind::unknown:
        // parseIgnore: one empty node.
        ins.args.push_back({std::string(), {ins.args_text.range.begin, ins.args_text.range.begin}});
        break;
    }
  }

 private:
  ast::Word word(Span s) const {
    if (s.end < s.begin) s.end = s.begin;
    return {std::string(text_.substr(s.begin, s.end - s.begin)), line_.to_source(s.begin, s.end)};
  }
  ast::Word word(SpanValue&& v) const {
    return {std::move(v.value), line_.to_source(v.span.begin, v.span.end)};
  }

  void error(std::string message, TextRange range) {
    diags_.push_back({"syntax-error", Severity::error, std::move(message), range});
  }

  ast::Flag make_flag(SpanValue&& f) {
    ast::Flag flag;
    flag.range = line_.to_source(f.span.begin, f.span.end);
    std::string_view processed = f.value;
    std::string_view body = processed.substr(std::min<size_t>(2, processed.size()));
    size_t eq = body.find('=');
    flag.name = std::string(body.substr(0, eq));
    if (eq != std::string_view::npos) flag.value = std::string(body.substr(eq + 1));
    // Ranges from the raw text: name after "--" up to the first '=', value after it.
    std::string_view raw = std::string_view(text_).substr(f.span.begin, f.span.end - f.span.begin);
    size_t raw_eq = raw.find('=');
    uint32_t name_begin = f.span.begin + std::min<uint32_t>(2, static_cast<uint32_t>(raw.size()));
    uint32_t name_end = raw_eq == std::string_view::npos ? f.span.end
                                                          : f.span.begin + static_cast<uint32_t>(raw_eq);
    flag.name_range = line_.to_source(name_begin, std::max(name_begin, name_end));
    if (raw_eq != std::string_view::npos) {
      flag.value_range = line_.to_source(name_end + 1, f.span.end);
    } else {
      flag.value_range = {flag.range.end, flag.range.end};
    }
    flag.text = std::move(f.value);
    return flag;
  }

  // parseMaybeJSON / parseMaybeJSONToList.
  void maybe_json(Span args, ast::Instruction& ins, bool to_list) {
    std::vector<SpanValue> values;
    JsonStatus st = detail::parse_json_array(text_, args, values);
    if (st == JsonStatus::ok) {
      ins.form = ast::ArgForm::exec;
      for (SpanValue& v : values) ins.args.push_back(word(std::move(v)));
      return;
    }
    if (st == JsonStatus::not_string_array) {
      error(std::string(kNotStringArray), ins.args_text.range);
      return;
    }
    if (args.empty()) return;
    ins.form = ast::ArgForm::shell;
    if (to_list) {
      whitespace_delimited(args, ins);
    } else {
      ins.args.push_back(word(args));
    }
  }

  void whitespace_delimited(Span args, ast::Instruction& ins) {
    std::vector<SpanValue> parts;
    detail::split_whitespace(text_, args, parts);
    for (SpanValue& p : parts) ins.args.push_back(word(std::move(p)));
  }

  void from_parts(ast::Instruction& ins) {
    if (ins.args.empty()) return;
    ins.from_image = ins.args[0];
    if (ins.args.size() >= 3 && ins.args[1].value.size() == 2 && (ins.args[1].value[0] | 0x20) == 'a' &&
        (ins.args[1].value[1] | 0x20) == 's') {
      ins.from_as = ins.args[1];
      ins.from_name = ins.args[2];
    }
  }

  // parseNameOrNameVal (ARG): every quote-aware word is one node.
  void name_or_name_val(Span args, ast::Instruction& ins) {
    std::vector<SpanValue> words;
    detail::parse_words(text_, args, escape_, words);
    for (SpanValue& w : words) {
      ast::KeyValue kv;
      kv.range = line_.to_source(w.span.begin, w.span.end);
      size_t eq = w.value.find('=');
      uint32_t raw_eq = raw_equals(w.span);
      if (eq == std::string::npos) {
        kv.key = {w.value, kv.range};
      } else {
        kv.key = {w.value.substr(0, eq), line_.to_source(w.span.begin, raw_eq)};
        kv.value = ast::Word{w.value.substr(eq + 1), line_.to_source(raw_eq + 1, w.span.end)};
      }
      ins.pairs.push_back(std::move(kv));
      ins.args.push_back(word(std::move(w)));
    }
  }

  // Logical offset of the first '=' inside a word's raw span (its end if none).
  uint32_t raw_equals(Span s) const {
    std::string_view raw = std::string_view(text_).substr(s.begin, s.end - s.begin);
    size_t eq = raw.find('=');
    return eq == std::string_view::npos ? s.end : s.begin + static_cast<uint32_t>(eq);
  }

  // parseNameVal (ENV, LABEL): `key=value...`, or the legacy `key value`.
  void name_val(Span args, ast::Instruction& ins, std::string_view what) {
    std::vector<SpanValue> words;
    detail::parse_words(text_, args, escape_, words);
    if (words.empty()) return;
    if (words[0].value.find('=') == std::string::npos) {
      // Legacy form: split the raw text once at the first run of [\t\v\f\r ].
      uint32_t i = args.begin;
      auto is_ws = [](char c) {
        return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
      };
      while (i < args.end && !is_ws(text_[i])) ++i;
      if (i >= args.end) {
        error(fmt::format("{} must have two arguments", what), ins.args_text.range);
        return;
      }
      uint32_t j = i;
      while (j < args.end && is_ws(text_[j])) ++j;
      ast::KeyValue kv;
      kv.legacy = true;
      kv.key = word(Span{args.begin, i});
      kv.value = word(Span{j, args.end});
      kv.range = line_.to_source(args.begin, args.end);
      ins.args.push_back(kv.key);
      ins.args.push_back(*kv.value);
      ins.args.push_back({std::string(), {kv.range.end, kv.range.end}});
      ins.pairs.push_back(std::move(kv));
      return;
    }
    for (SpanValue& w : words) {
      size_t eq = w.value.find('=');
      TextRange range = line_.to_source(w.span.begin, w.span.end);
      if (eq == std::string::npos) {
        error(fmt::format("syntax error - can't find = in {}. Must be of the form: name=value",
                          go_quote(w.value)),
              range);
        return;
      }
      uint32_t raw_eq = raw_equals(w.span);
      ast::KeyValue kv;
      kv.range = range;
      kv.key = {w.value.substr(0, eq), line_.to_source(w.span.begin, raw_eq)};
      kv.value = ast::Word{w.value.substr(eq + 1), line_.to_source(raw_eq + 1, w.span.end)};
      ins.args.push_back(kv.key);
      ins.args.push_back(*kv.value);
      ins.args.push_back({"=", line_.to_source(raw_eq, raw_eq + 1)});
      ins.pairs.push_back(std::move(kv));
    }
  }

  // parseHealthConfig: the first word is the type (CMD, NONE); the rest follows parseMaybeJSON.
  // Its byte loop tests unicode.IsSpace(rune(byte)), so bytes 0x85 and 0xA0 separate too.
  void health_config(Span args, ast::Instruction& ins) {
    auto is_space = [](unsigned char b) {
      return (b >= '\t' && b <= '\r') || b == ' ' || b == 0x85 || b == 0xA0;
    };
    uint32_t sep = args.begin;
    while (sep < args.end && !is_space(static_cast<unsigned char>(text_[sep]))) ++sep;
    uint32_t next = sep;
    while (next < args.end && is_space(static_cast<unsigned char>(text_[next]))) ++next;
    if (sep == args.begin) return;
    ins.healthcheck_type = word(Span{args.begin, sep});
    ins.args.push_back(*ins.healthcheck_type);
    Span cmd{next, args.end};
    if (!cmd.empty()) maybe_json(cmd, ins, /*to_list=*/false);
  }

  const LogicalLine& line_;
  std::string_view text_;
  char escape_;
  std::vector<Diagnostic>& diags_;
};

// BuildKit reads lines with a bufio.Scanner and its default 64 KiB buffer: a physical line of
// 65,536 bytes or more (line ending excluded) fails the whole parse.
void check_line_lengths(const SourceFile& file, std::vector<Diagnostic>& diags) {
  constexpr uint32_t kMaxLine = 65535;
  const LineIndex& lines = file.lines();
  if (file.text().size() <= kMaxLine) return;
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    uint32_t begin = lines.line_start(line);
    uint32_t end = lines.line_end(line, file.text());
    if (end - begin > kMaxLine) {
      diags.push_back({"syntax-error", Severity::error,
                       fmt::format("line {} is {} bytes long; BuildKit rejects lines longer than "
                                   "{} bytes",
                                   line, end - begin, kMaxLine),
                       {begin, begin + 1}});
      return;
    }
  }
}

// Go's strings.TrimSpace over ASCII and the Latin-1 spaces, for PrevComment text.
std::string_view trim_comment(std::string_view s) {
  auto sp = [](unsigned char c) { return (c >= '\t' && c <= '\r') || c == ' '; };
  while (!s.empty() && sp(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && sp(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

struct Parser::Impl {
  ParseOptions options;
  detail::SourceCharStream stream;
  detail::DockerLexer lexer{&stream};
  DockerfileParser parser{nullptr};
  ErrorCollector errors;
  std::shared_ptr<antlr4::ANTLRErrorStrategy> bail = std::make_shared<antlr4::BailErrorStrategy>();
  std::shared_ptr<antlr4::ANTLRErrorStrategy> recover =
      std::make_shared<antlr4::DefaultErrorStrategy>();

  explicit Impl(ParseOptions o) : options(o) {
    lexer.set_reference_mode(o.reference_lexer);
    parser.removeErrorListeners();
    parser.addErrorListener(&errors);
    errors.stream = &stream;
  }

  ParseResult parse(const SourceFile& file);
  DockerfileParser::LineContext* parse_line(antlr4::UnbufferedTokenStream& tokens);
};

// One `line` with SLL prediction; should SLL ever fail, rewind to the line's first token and
// parse it again with full LL and error recovery (ANTLR's two-stage strategy, per line).
DockerfileParser::LineContext* Parser::Impl::parse_line(antlr4::UnbufferedTokenStream& tokens) {
  auto* sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  size_t start = tokens.index();
  sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(bail);
  try {
    return parser.line();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(start);
    parser.getTreeTracker().reset();
    sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(recover);
    return parser.line();
  }
}

ParseResult Parser::Impl::parse(const SourceFile& file) {
  ParseResult result;
  std::string_view text = file.text();
  auto& diags = result.diagnostics;
  if (text.size() > options.max_bytes) {
    diags.push_back({"file-too-large", Severity::error,
                     fmt::format("file is too large to analyze ({} bytes; the limit is {})",
                                 text.size(), options.max_bytes),
                     {0, 0}});
    return result;
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    auto at = static_cast<uint32_t>(static_cast<const char*>(nul) - text.data());
    diags.push_back({"binary-file", Severity::error,
                     "file is not text (it contains a NUL byte); is this a Dockerfile?",
                     {at, at + 1}});
    return result;
  }
  ast::Dockerfile& df = result.ast;
  uint32_t begin = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    df.has_bom = true;
    begin = 3;
  }
  if (size_t nl = text.find('\n'); nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r') {
    df.crlf = true;
  }
  int64_t invalid = stream.load_bytes(text, begin);
  if (invalid >= 0) {
    auto at = static_cast<uint32_t>(invalid);
    diags.push_back({"invalid-utf8", Severity::warning,
                     fmt::format("invalid UTF-8 byte 0x{:02x}; the file should be UTF-8",
                                 static_cast<unsigned char>(text[at])),
                     {at, at + 1}});
  }

  check_line_lengths(file, diags);
  lexer.begin(text);
  errors.out = &diags;
  std::deque<LogicalLine>& lines = lexer.lines();
  const LineIndex& index = file.lines();
  std::vector<std::string> prev_comment;
  try {
    antlr4::UnbufferedTokenStream tokens(&lexer);
    parser.setTokenStream(&tokens);
    while (tokens.LA(1) != antlr4::Token::EOF) {
      // Only this line's tokens and parse tree are alive: memory is bounded by the longest
      // instruction, whatever the file's size.
      ssize_t marker = tokens.mark();
      DockerfileParser::LineContext* line = parse_line(tokens);
      if (auto* c = dynamic_cast<DockerfileParser::CommentLineContext*>(line)) {
        antlr4::Token* t = c->getStart();
        uint32_t b = stream.byte_offset(t->getStartIndex());
        uint32_t e = stream.byte_offset(t->getStopIndex() + 1);
        // BuildKit: strings.TrimSpace(line[1:]) of the raw line; with leading blanks that
        // drops a blank rather than the '#', a quirk we keep for PrevComment.
        std::string_view raw = text.substr(b, e - b);
        std::string_view comment = trim_comment(raw.substr(std::min<size_t>(1, raw.size())));
        if (comment.empty()) {
          prev_comment.clear();
        } else {
          prev_comment.emplace_back(comment);
        }
        df.comments.push_back({detail::comment_range(text, b, e), false});
      } else if (dynamic_cast<DockerfileParser::InstructionLineContext*>(line) &&
                 !lines.empty()) {
        LogicalLine ll = std::move(lines.front());
        lines.pop_front();
        ast::Instruction ins;
        InstructionBuilder builder(ll, lexer.escape(), diags);
        builder.build(Span{0, static_cast<uint32_t>(ll.text.size())}, ins, 0);
        ins.range = {ll.begin, detail::trim_line_ending(text, ll.begin, std::max(ll.begin, ll.end))};
        ins.start_line = index.line_of(ll.begin);
        ins.end_line = index.line_of(ll.end > ll.begin ? ll.end - 1 : ll.begin);
        ins.continuations = std::move(ll.continuations);
        ins.empty_continuation_lines = std::move(ll.empty_lines);
        for (TextRange c : ll.comments) df.comments.push_back({c, true});
        ast::Instruction& target = ins.inner ? *ins.inner : ins;
        target.heredocs = std::move(ll.heredocs);
        ins.prev_comment = std::move(prev_comment);
        prev_comment.clear();
        df.instructions.push_back(std::move(ins));
      }
      tokens.release(marker);
      parser.getTreeTracker().reset();
    }
    parser.setTokenStream(nullptr);
  } catch (const std::exception& e) {
    parser.getTreeTracker().reset();
    diags.push_back({"internal-error", Severity::error,
                     fmt::format("internal parser error: {}", e.what()), {0, 0}});
  }

  df.escape = lexer.escape();
  df.directives = std::move(lexer.directives());
  for (Diagnostic& d : lexer.diagnostics()) diags.push_back(std::move(d));
  if (df.instructions.empty() && result.ok()) {
    auto end = static_cast<uint32_t>(text.size());
    diags.push_back({"syntax-error", Severity::error, "file with no instructions", {end, end}});
  }
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.range.begin < b.range.begin;
  });
  return result;
}

Parser::Parser(ParseOptions options) : impl_(std::make_unique<Impl>(options)) {}
Parser::~Parser() = default;
Parser::Parser(Parser&&) noexcept = default;
Parser& Parser::operator=(Parser&&) noexcept = default;

ParseResult Parser::parse(const SourceFile& file) {
  try {
    return impl_->parse(file);
  } catch (const std::exception& e) {
    ParseResult r;
    r.diagnostics.push_back({"internal-error", Severity::error,
                             fmt::format("internal parser error: {}", e.what()), {0, 0}});
    return r;
  }
}

ParseResult parse(const SourceFile& file, const ParseOptions& options) {
  Parser parser(options);
  return parser.parse(file);
}

}  // namespace dfopt
