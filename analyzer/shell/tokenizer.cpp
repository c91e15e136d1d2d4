#include "shell/tokenizer.h"

#include <fmt/format.h>

namespace dfopt::shell::detail {

using L = grammar::ShellLexer;
constexpr size_t kEof = antlr4::Token::EOF;

namespace {

// The token source every parser token names: ANTLR's error recovery asks a token for its
// source's input stream when it makes up a missing token, and would crash on a null source.
class NullTokenSource : public antlr4::TokenSource {
 public:
  std::unique_ptr<antlr4::Token> nextToken() override { return nullptr; }
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream* getInputStream() override { return nullptr; }
  std::string getSourceName() override { return "shell"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }
};

NullTokenSource null_source;

// Word parts at command level. BACKTICK, LPAREN, RPAREN and COMMENT depend on context and are
// handled apart.
bool is_part(size_t type) {
  switch (type) {
    case L::LIT:
    case L::ESC:
    case L::BACKSLASH:
    case L::SQ:
    case L::SQ_OPEN:
    case L::ANSI:
    case L::ANSI_OPEN:
    case L::DQ_START:
    case L::VAR:
    case L::PARAM_START:
    case L::SUBST_START:
    case L::ARITH_START:
    case L::DOLLAR:
    case L::PROC_SUBST:
      return true;
    default:
      return false;
  }
}

// The redirection rules are consecutive in ShellLexer.g4, so their token types are too.
static_assert(L::AND_DGREAT - L::LESS == 11, "keep the redirection rules together, LESS first");
bool is_redir(size_t type) { return type >= L::LESS && type <= L::AND_DGREAT; }

RedirKind redir_kind(size_t type) {
  switch (type) {
    case L::LESS:
      return RedirKind::input;
    case L::GREAT:
      return RedirKind::output;
    case L::DGREAT:
      return RedirKind::append;
    case L::DLESS:
      return RedirKind::heredoc;
    case L::DLESSDASH:
      return RedirKind::heredoc_strip;
    case L::TLESS:
      return RedirKind::herestring;
    case L::LESSAND:
      return RedirKind::dup_input;
    case L::GREATAND:
      return RedirKind::dup_output;
    case L::LESSGREAT:
      return RedirKind::read_write;
    case L::CLOBBER:
      return RedirKind::clobber;
    case L::AND_GREAT:
      return RedirKind::output_both;
    default:
      return RedirKind::append_both;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// `NAME=` or `NAME+=` at the start of the raw word (so the name is unquoted).
bool is_assignment(std::string_view raw) {
  if (raw.empty() || !is_name_start(raw[0])) return false;
  size_t i = 1;
  while (i < raw.size() && is_name_char(raw[i])) ++i;
  if (i < raw.size() && raw[i] == '+') ++i;
  return i < raw.size() && raw[i] == '=';
}

// Reserved words recognized in command position (POSIX 2.4, plus bash's `function`); `in` only
// in for/case and `esac` only inside a case are handled by the caller.
size_t reserved_word(std::string_view s) {
  if (s.size() > 8) return 0;
  switch (s.size()) {
    case 1:
      if (s == "{") return L::LBRACE;
      if (s == "}") return L::RBRACE;
      if (s == "!") return L::BANG;
      return 0;
    case 2:
      if (s == "if") return L::IF;
      if (s == "fi") return L::FI;
      if (s == "do") return L::DO;
      return 0;
    case 3:
      if (s == "for") return L::FOR;
      return 0;
    case 4:
      if (s == "then") return L::THEN;
      if (s == "else") return L::ELSE;
      if (s == "elif") return L::ELIF;
      if (s == "done") return L::DONE;
      if (s == "case") return L::CASE;
      if (s == "esac") return L::ESAC;
      return 0;
    case 5:
      if (s == "while") return L::WHILE;
      if (s == "until") return L::UNTIL;
      return 0;
    case 8:
      if (s == "function") return L::FUNCTION;
      return 0;
    default:
      return 0;
  }
}

// Inside [[ ]] these operators are ordinary words (`[[ a && b ]]`, `[[ $x =~ ^(a|b)$ ]]`).
bool is_dbracket_literal(size_t type) {
  return type == L::AND_IF || type == L::OR_IF || type == L::PIPE || type == L::PIPE_AMP ||
         type == L::LPAREN || type == L::RPAREN || is_redir(type);
}

}  // namespace

Token::Token() : antlr4::CommonToken(antlr4::Token::INVALID_TYPE) {
  _source = {&null_source, nullptr};
}

void Token::set(size_t type, uint32_t b, uint32_t e, uint32_t d, size_t index) {
  setType(type);
  setTokenIndex(index);
  begin = b;
  end = e;
  data = d;
}

antlr4::Token* TokenVector::LT(ssize_t k) {
  if (k == 0) return nullptr;
  if (k < 0) return static_cast<size_t>(-k) <= p_ ? tokens_[p_ - static_cast<size_t>(-k)] : nullptr;
  return tokens_[std::min(p_ + static_cast<size_t>(k) - 1, tokens_.size() - 1)];
}

size_t TokenVector::LA(ssize_t i) {
  antlr4::Token* t = LT(i);
  return t ? t->getType() : antlr4::Token::INVALID_TYPE;
}

antlr4::TokenSource* TokenVector::getTokenSource() const { return &null_source; }

// ---- CharStream -------------------------------------------------------------------------------

void CharStream::load_bytes(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const auto n = static_cast<uint32_t>(text.size());
  _data.clear();
  p = 0;
  bool ascii = true;
  for (uint32_t i = 0; i < n; ++i) {
    if (s[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  identity_ = ascii;
  if (ascii) {
    _data.assign(s, s + n);
    return;
  }
  _data.reserve(n);
  offsets_.clear();
  offsets_.reserve(n + 1);
  uint32_t i = 0;
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
      cp = 0xDC00 + c;  // an invalid byte: one code point no rule names but LIT
      len = 1;
    }
    _data.push_back(cp);
    offsets_.push_back(i);
    i += len;
  }
  offsets_.push_back(n);
}

// ---- Tokenizer --------------------------------------------------------------------------------

Tokenizer::Tokenizer() {
  lexer_.removeErrorListeners();  // every input lexes: each mode has a rule for any character
  sim_ = lexer_.getInterpreter<antlr4::atn::LexerATNSimulator>();
}

uint32_t Tokenizer::run(std::string_view text, uint32_t text_id, const ast::SourceMap& map,
                        std::span<const ExternalHeredoc> external, uint32_t depth_base,
                        Store& store, std::vector<Diagnostic>& diags) {
  text_ = text;
  text_id_ = text_id;
  map_ = &map;
  cursor_.reset(&map);
  external_ = external;
  store_ = &store;
  diags_ = &diags;
  pending_.clear();
  depth_ = depth_base;
  stopped_ = false;
  frame_count_ = 0;
  stream_.load_bytes(text);
  lexer_.setInputStream(&stream_);  // resets the lexer's modes
  {
    // One block per text: the text itself (the words' raw bytes) and as much room again for
    // quote-removed values, which are never longer than what they were read from (nested
    // substitutions aside: keep() takes another block then).
    auto block = std::make_unique<char[]>(2 * text.size() + 1);
    std::copy(text.begin(), text.end(), block.get());
    copy_ = block.get();
    spare_ = block.get() + text.size();
    spare_left_ = text.size() + 1;
    store.storage->push_back(std::move(block));
  }

  const auto script = static_cast<uint32_t>(store.buffers.size());
  store.buffers.push_back({{}, text_id, 0});
  if (frames_.empty()) frames_.emplace_back();
  Frame& f = frames_[0];
  f.closer = Closer::eof;
  f.opener = 0;
  f.pos = Pos::start;
  f.redir_target = f.redir_simple = f.heredoc_target = f.heredoc_strip = f.fn_lparen = false;
  f.open.clear();
  f.cmd.clear();
  f.word.open = false;
  f.buffer = script;
  frame_count_ = 1;

  Raw t;
  while (!stopped_) {
    next_raw(t);
    if (t.type == kEof) break;
    step(t);
  }
  finish();
  store_ = nullptr;
  return script;
}

namespace {

// Character classes of the rules the fast path scans (ASCII; every other code point is an
// ordinary character for all of them). They mirror grammar/ShellLexer.g4 exactly.
enum : uint8_t {
  kLitStart = 1,    // LIT's first character: ~[ \t\r\f\v\n\\'"`$|&;<>()#]
  kLit = 2,         // LIT's others: the same without '#'
  kBlank = 4,       // BLANK: [ \t\r\f\v]
  kDqText = 8,      // DQ_TEXT: ~["\\$`]
  kParamText = 16,  // PARAM_TEXT: ~[}$`"'\\]
  kArithText = 32,  // ARITH_TEXT, AP_TEXT: ~[()$`\\]
};

struct CharClasses {
  uint8_t c[128] = {};
  constexpr CharClasses() {
    for (int i = 0; i < 128; ++i) {
      const char ch = static_cast<char>(i);
      auto in = [&](const char* set) {
        for (const char* p = set; *p; ++p) {
          if (*p == ch) return true;
        }
        return false;
      };
      // (`in` never matches NUL, which is an ordinary character for every rule.)
      if (i == 0 || !in(" \t\r\f\v\n\\'\"`$|&;<>()")) c[i] |= kLit;
      if ((c[i] & kLit) && ch != '#') c[i] |= kLitStart;
      if (i != 0 && in(" \t\r\f\v")) c[i] |= kBlank;
      if (i == 0 || !in("\"\\$`")) c[i] |= kDqText;
      if (i == 0 || !in("}$`\"'\\")) c[i] |= kParamText;
      if (i == 0 || !in("()$`\\")) c[i] |= kArithText;
    }
  }
};

constexpr CharClasses kClasses;

inline bool in_class(char32_t c, uint8_t cls) {
  return c < 128 ? (kClasses.c[c] & cls) != 0 : cls != kBlank;
}

}  // namespace

// The fast path. ANTLR 4.9's lexer costs about 30 ns per character (two mutex operations and
// a hash lookup per DFA step, and a full ATN simulation for every non-ASCII character, which it
// never caches) plus a few hundred per token (a std::function, shared_ptr copies and
// dynamic_casts to run the token's actions). Tokens whose rule has no lexer command, which are
// most of them, are therefore matched here with exactly the rule's definition and maximal munch:
// the runs (LIT, BLANK, SQ, COMMENT, DQ_TEXT, PARAM_TEXT, ARITH_TEXT), operators,
// redirections, `$name`, escapes and newlines. The generated lexer matches the rest, the tokens
// that switch modes (quotes, `${`, `$(`, `$((`, `<(`), and the grammar stays the definition:
// tests/corpus/corpus_shell_test.cpp checks over every corpus script that the shell model is
// the same with the fast path off. Returns false to let the generated lexer match.
bool Tokenizer::scan_run(Raw& t) {
  const char32_t* d = stream_.code_points();
  const size_t n = stream_.length();
  const size_t start = stream_.index();
  const char32_t c = d[start];
  auto at = [&](size_t k) -> char32_t { return k < n ? d[k] : 0x110000; };  // past the end
  size_t i = start;
  size_t type = 0;
  // VAR: '$' ([A-Za-z_] [A-Za-z0-9_]* | [0-9@*#?$!-]) in every mode; a lone '$' is DOLLAR.
  // `${`, `$(`, `$((`, `$'` and `$"` change modes (or are ANSI strings): the DFA's.
  auto dollar = [&]() {
    const char32_t x = at(i + 1);
    if (x == '{' || x == '(' || x == '\'' || x == '"') return false;
    if (x < 128 && (is_name_start(static_cast<char>(x)))) {
      i += 2;
      while (i < n && d[i] < 128 && is_name_char(static_cast<char>(d[i]))) ++i;
      type = L::VAR;
    } else if (x < 128 &&
               (is_digit(static_cast<char>(x)) ||
                std::string_view("@*#?$!-").find(static_cast<char>(x)) != std::string_view::npos)) {
      i += 2;
      type = L::VAR;
    } else {
      i += 1;
      type = L::DOLLAR;
    }
    return true;
  };
  // ESC: '\\' followed by any character (in DEFAULT mode not a line ending); BACKSLASH at the end.
  auto backslash = [&](size_t escape_type, bool any) {
    const char32_t x = at(i + 1);
    if (x != 0x110000 && (any || (x != '\n' && x != '\r'))) {
      i += 2;
      type = escape_type;
    } else {
      i += 1;
      type = L::BACKSLASH;
    }
  };
  switch (lexer_.mode) {
    case L::DEFAULT_MODE:
      if (in_class(c, kBlank)) {
        while (i < n && in_class(d[i], kBlank)) ++i;
        type = antlr4::Lexer::SKIP;
        break;
      }
      if (in_class(c, kLitStart)) {
        bool digits = true;
        for (; i < n && in_class(d[i], kLit); ++i) digits = digits && d[i] >= '0' && d[i] <= '9';
        type = L::LIT;
        // `2>file`: the redirection rules match the digits and the operator, a longer token.
        if (!digits || (at(i) != '<' && at(i) != '>')) break;
      }
      switch (at(i)) {
        case '\'':
          ++i;
          while (i < n && d[i] != '\'') ++i;
          type = i < n ? L::SQ : L::SQ_OPEN;
          if (i < n) ++i;
          break;
        case '#':
          while (i < n && d[i] != '\n') ++i;
          type = L::COMMENT;
          break;
        case '\n':
          ++i;
          type = L::NEWLINE;
          break;
        case '\\':
          if (at(i + 1) == '\n') {
            i += 2;
            type = L::CONT;
          } else if (at(i + 1) == '\r' && at(i + 2) == '\n') {
            i += 3;
            type = L::CONT;
          } else {
            backslash(L::ESC, false);
          }
          break;
        case '$':
          if (!dollar()) return false;
          break;
        case '`':
          ++i;
          type = L::BACKTICK;
          break;
        case '(':
          ++i;
          type = L::LPAREN;
          break;
        case ')':
          ++i;
          type = L::RPAREN;
          break;
        case '&':
          type = at(i + 1) == '&'                       ? (i += 2, L::AND_IF)
                 : at(i + 1) == '>' && at(i + 2) == '>' ? (i += 3, L::AND_DGREAT)
                 : at(i + 1) == '>'                     ? (i += 2, L::AND_GREAT)
                                                        : (i += 1, L::AMP);
          break;
        case '|':
          type = at(i + 1) == '|'   ? (i += 2, L::OR_IF)
                 : at(i + 1) == '&' ? (i += 2, L::PIPE_AMP)
                                    : (i += 1, L::PIPE);
          break;
        case ';':
          type = at(i + 1) == ';' && at(i + 2) == '&'   ? (i += 3, L::DSEMI)
                 : at(i + 1) == ';' || at(i + 1) == '&' ? (i += 2, L::DSEMI)
                                                        : (i += 1, L::SEMI);
          break;
        case '<':
          if (i == start && at(i + 1) == '(') return false;  // PROC_SUBST pushes a mode
          type = at(i + 1) == '<' && at(i + 2) == '<'   ? (i += 3, L::TLESS)
                 : at(i + 1) == '<' && at(i + 2) == '-' ? (i += 3, L::DLESSDASH)
                 : at(i + 1) == '<'                     ? (i += 2, L::DLESS)
                 : at(i + 1) == '&'                     ? (i += 2, L::LESSAND)
                 : at(i + 1) == '>'                     ? (i += 2, L::LESSGREAT)
                                                        : (i += 1, L::LESS);
          break;
        case '>':
          if (i == start && at(i + 1) == '(') return false;
          type = at(i + 1) == '>'   ? (i += 2, L::DGREAT)
                 : at(i + 1) == '&' ? (i += 2, L::GREATAND)
                 : at(i + 1) == '|' ? (i += 2, L::CLOBBER)
                                    : (i += 1, L::GREAT);
          break;
        default:
          return false;  // '"' and anything the DFA must see
      }
      break;
    case L::DQ:
      if (in_class(c, kDqText)) {
        while (i < n && in_class(d[i], kDqText)) ++i;
        type = L::DQ_TEXT;
      } else if (c == '\\') {
        backslash(L::DQ_ESC, true);
      } else if (c != '$' || !dollar()) {
        return false;
      }
      break;
    case L::PARAM:
      if (in_class(c, kParamText)) {
        while (i < n && in_class(d[i], kParamText)) ++i;
        type = L::PARAM_TEXT;
      } else if (c == '\\') {
        backslash(L::ESC, true);
      } else if (c != '$' || !dollar()) {
        return false;
      }
      break;
    case L::ARITH:
    case L::ARITH_PAREN:
      if (in_class(c, kArithText)) {
        while (i < n && in_class(d[i], kArithText)) ++i;
        type = L::ARITH_TEXT;
      } else if (c == '\\') {
        backslash(L::ESC, true);
      } else if (c != '$' || !dollar()) {
        return false;
      }
      break;
    default:
      return false;
  }
  stream_.jump(i);
  t.type = type;
  t.cp_begin = start;
  t.begin = stream_.byte_offset(start);
  t.end = stream_.byte_offset(i);
  return true;
}

void Tokenizer::next_raw(Raw& t) {
  // Lexer::nextToken() without its token object: the generated DFA matches one rule (running
  // its mode actions), and only the type and extent are kept. Saves an allocation per part.
  for (;;) {
    const size_t start = stream_.index();
    if (stream_.LA(1) == kEof) {
      t.type = kEof;
      t.cp_begin = start;
      t.begin = t.end = static_cast<uint32_t>(text_.size());
      return;
    }
    if (fast_path && scan_run(t)) {
      if (t.type == antlr4::Lexer::SKIP) continue;
      return;
    }
    lexer_.tokenStartCharIndex = start;
    lexer_.type = antlr4::Token::INVALID_TYPE;
    size_t type;
    try {
      type = sim_->match(&stream_, lexer_.mode);
    } catch (const antlr4::LexerNoViableAltException&) {
      // Cannot happen (every mode matches any character); read the character as a literal.
      stream_.seek(start + 1);
      type = L::LIT;
    }
    if (lexer_.type == antlr4::Token::INVALID_TYPE) lexer_.type = type;
    if (lexer_.type == antlr4::Lexer::SKIP) continue;
    t.type = lexer_.type;
    t.cp_begin = start;
    t.begin = stream_.byte_offset(start);
    t.end = stream_.byte_offset(stream_.index());
    return;
  }
}

void Tokenizer::error(std::string message, uint32_t begin, uint32_t end) {
  diags_->push_back(
      {"shell-syntax-error", Severity::warning, std::move(message), map_->to_source(begin, end)});
}

bool Tokenizer::push_depth() {
  if (++depth_ <= kMaxDepth) return true;
  if (!stopped_) {
    error(fmt::format("shell commands nested more than {} levels deep; the rest of the script "
                      "is not analyzed",
                      kMaxDepth),
          0, static_cast<uint32_t>(text_.size()));
  }
  stopped_ = true;
  return false;
}

void Tokenizer::emit(size_t type, uint32_t begin, uint32_t end, uint32_t data) {
  Frame& f = frames_[frame_count_ - 1];
  if (!f.cmd.empty()) flush_simple(f);  // any other token ends the simple command
  auto& tokens = store_->buffers[f.buffer].tokens;
  Token* t = store_->new_token();
  t->set(type, begin, end, data, tokens.size());
  tokens.push_back(t);
}

std::string_view Tokenizer::keep(std::string_view bytes) {
  if (bytes.size() > spare_left_) {
    auto block = std::make_unique<char[]>(std::max<size_t>(bytes.size(), text_.size()) + 1);
    spare_ = block.get();
    spare_left_ = std::max<size_t>(bytes.size(), text_.size()) + 1;
    store_->storage->push_back(std::move(block));
  }
  std::copy(bytes.begin(), bytes.end(), spare_);
  const std::string_view copy(spare_, bytes.size());
  spare_ += bytes.size();
  spare_left_ -= bytes.size();
  return copy;
}

void Tokenizer::flush_simple(Frame& f) {
  const auto index = static_cast<uint32_t>(store_->simples.size());
  const auto first = static_cast<uint32_t>(store_->items.size());
  store_->items.insert(store_->items.end(), f.cmd.begin(), f.cmd.end());
  store_->simples.push_back({first, static_cast<uint32_t>(store_->items.size())});
  const uint32_t b = f.cmd.front().begin, e = f.cmd.back().end;
  f.cmd.clear();
  auto& tokens = store_->buffers[f.buffer].tokens;
  Token* t = store_->new_token();
  t->set(L::SIMPLE, b, e, index, tokens.size());
  tokens.push_back(t);
}

void Tokenizer::start_word(uint32_t begin) {
  WordBuilder& w = frames_[frame_count_ - 1].word;
  w.open = true;
  w.begin = w.end = begin;
  w.text.clear();
  w.quoted = w.expansion = w.substitution = w.literal = false;
  w.quotes.clear();
  w.exp_depth = 0;
  w.array_depth = 0;
  w.subs.clear();
}

void Tokenizer::step(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  WordBuilder& w = f.word;
  if (w.open && w.array_depth > 0) {
    array_step(t);
    return;
  }
  // Inside quotes and expansions every token belongs to the word (the lexer modes make sure).
  if (w.open && !w.quotes.empty()) {
    add_part(t);
    return;
  }
  // A blank ended the word (only a backslash-newline right after it glues it to more parts).
  if (w.open && t.begin != w.end) finish_word();
  switch (t.type) {
    case L::CONT:
      // Backslash-newline joins the parts around it into one word.
      if (w.open && t.begin == w.end) w.end = t.end;
      return;
    case L::COMMENT:
      if (w.open && t.begin == w.end) {
        // `"a"#b`: a '#' that does not start a word is an ordinary character.
        stream_.seek(t.cp_begin + 1);
        add_part(Raw{L::LIT, t.cp_begin, t.begin, t.begin + 1});
        return;
      }
      if (w.open) finish_word();
      return;
    case L::BACKTICK:
      if (f.closer == Closer::backtick) {
        if (w.open) finish_word();
        close_frame(t.end, true);
        return;
      }
      if (!w.open) start_word(t.begin);
      lexer_.pushMode(L::DEFAULT_MODE);
      add_part(t);
      return;
    case L::LPAREN:
      if (w.open && t.begin == w.end && w.quotes.empty() && is_assignment(slice(w.begin, w.end)) &&
          text_[w.end - 1] == '=') {
        // bash array assignment a=(x y): one word up to the matching ')'
        w.array_depth = 1;
        w.exp_depth = 1;
        w.exp_begin = t.begin;
        w.end = t.end;
        return;
      }
      if (f.pos == Pos::dbracket) break;
      if (w.open) finish_word();
      on_lparen(t);
      return;
    case L::RPAREN:
      if (f.pos == Pos::dbracket) break;
      if (w.open) finish_word();
      on_rparen(t);
      return;
    default:
      break;
  }
  const bool part = is_part(t.type);
  if (part || (f.pos == Pos::dbracket && is_dbracket_literal(t.type))) {
    if (!w.open) start_word(t.begin);
    add_part(part ? t : Raw{L::LIT, t.cp_begin, t.begin, t.end});
    return;
  }
  Raw op = t;
  if (is_redir(t.type) && w.open && t.begin == w.end && is_digit(text_[t.begin])) {
    // `"a"2>f`: POSIX takes digits as a descriptor only when they are a whole token.
    uint32_t d = t.begin;
    while (is_digit(text_[d])) ++d;
    add_part(Raw{L::LIT, t.cp_begin, t.begin, d});
    op.begin = d;
  }
  if (w.open) finish_word();
  on_operator(op);
}

void Tokenizer::array_step(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  WordBuilder& w = f.word;
  if (!w.quotes.empty()) {
    add_part(t);
    return;
  }
  switch (t.type) {
    case L::LPAREN:
      ++w.array_depth;
      w.end = t.end;
      return;
    case L::RPAREN:
      w.end = t.end;
      if (--w.array_depth == 0) {
        --w.exp_depth;
        w.text += slice(w.exp_begin, t.end);
      }
      return;
    case L::BACKTICK:
      if (f.closer == Closer::backtick) {
        error("unterminated array assignment", w.begin, t.begin);
        w.text += slice(w.exp_begin, w.end);
        w.array_depth = 0;
        w.exp_depth = 0;
        finish_word();
        close_frame(t.end, true);
        return;
      }
      lexer_.pushMode(L::DEFAULT_MODE);
      add_part(t);
      return;
    case L::COMMENT:
      // A comment inside a multi-line array; the newline after it is consumed next.
      return;
    default:
      if (is_part(t.type)) {
        add_part(t);
      } else {
        w.end = t.end;  // blanks, newlines and separators between elements
      }
      return;
  }
}

void Tokenizer::add_part(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  WordBuilder& w = f.word;
  w.end = t.end;
  // Inside ${...} and $((...)) nothing is added piecewise: the whole expansion is kept as
  // written when it closes.
  const bool raw_only = w.exp_depth > 0;
  switch (t.type) {
    case L::LIT:
    case L::DQ_TEXT:
      w.literal = true;
      if (!raw_only) w.text += slice(t.begin, t.end);
      break;
    case L::ESC:
      w.quoted = w.literal = true;
      if (!raw_only) w.text += slice(t.begin + 1, t.end);
      break;
    case L::BACKSLASH:
      w.literal = true;
      if (!raw_only) w.text += '\\';
      break;
    case L::SQ:
      w.quoted = w.literal = true;
      if (!raw_only) w.text += slice(t.begin + 1, t.end - 1);
      break;
    case L::SQ_OPEN:
      w.quoted = w.literal = true;
      if (!raw_only) w.text += slice(t.begin + 1, t.end);
      error("unterminated single quote", t.begin, t.end);
      break;
    case L::ANSI:
      w.quoted = w.literal = true;
      if (!raw_only) w.text += slice(t.begin + 2, t.end - 1);
      break;
    case L::ANSI_OPEN:
      w.quoted = w.literal = true;
      if (!raw_only) w.text += slice(t.begin + 2, t.end);
      error("unterminated $'...' string", t.begin, t.end);
      break;
    case L::DQ_START:
      w.quoted = w.literal = true;
      if (!push_depth()) return;
      w.quotes.push_back(Quote::dq);
      break;
    case L::DQ_ESC:
      if (!raw_only) {
        // Inside double quotes a backslash escapes only $ ` " \ and newline.
        const char c = text_[t.begin + 1];
        if (c == '$' || c == '`' || c == '"' || c == '\\') {
          w.text += c;
        } else if (c != '\n') {
          w.text += slice(t.begin, t.end);
        }
      }
      break;
    case L::DQ_END:
      if (!w.quotes.empty()) {
        w.quotes.pop_back();
        pop_depth();
      }
      break;
    case L::VAR:
      w.expansion = true;
      if (!raw_only) w.text += slice(t.begin, t.end);
      break;
    case L::DOLLAR:
      w.literal = true;
      if (!raw_only) w.text += '$';
      break;
    case L::PARAM_START:
    case L::ARITH_START:
      w.expansion = true;
      if (!push_depth()) return;
      w.quotes.push_back(t.type == L::PARAM_START ? Quote::param : Quote::arith);
      if (w.exp_depth++ == 0) w.exp_begin = t.begin;
      break;
    case L::PARAM_END:
    case L::ARITH_END:
      if (t.type == L::ARITH_END && t.end - t.begin == 1) {
        error("arithmetic expansion closed by ')' instead of '))'", t.begin, t.end);
      }
      if (!w.quotes.empty()) {
        w.quotes.pop_back();
        pop_depth();
      }
      if (w.exp_depth > 0 && --w.exp_depth == 0) w.text += slice(w.exp_begin, t.end);
      break;
    case L::PARAM_TEXT:
    case L::ARITH_TEXT:
    case L::ARITH_OPEN:
    case L::AP_CLOSE:
      break;
    case L::SUBST_START:
    case L::PROC_SUBST:
      w.substitution = true;
      open_frame(Closer::paren, t.begin);
      break;
    case L::BACKTICK:
      w.substitution = true;
      open_frame(Closer::backtick, t.begin);
      break;
    default:
      w.literal = true;
      if (!raw_only) w.text += slice(t.begin, t.end);
      break;
  }
}

void Tokenizer::finish_word() {
  Frame& f = frames_[frame_count_ - 1];
  WordBuilder& w = f.word;
  w.open = false;
  if (w.array_depth > 0) {
    error("unterminated array assignment", w.begin, w.end);
    w.array_depth = 0;
  }
  if (!w.quotes.empty()) {
    const Quote q = w.quotes.front();
    error(q == Quote::dq      ? "unterminated double quote"
          : q == Quote::param ? "unterminated parameter expansion"
                              : "unterminated arithmetic expansion",
          w.begin, w.end);
    depth_ -= static_cast<uint32_t>(w.quotes.size());
    w.quotes.clear();
  }
  if (w.exp_depth > 0) {
    w.text += slice(w.exp_begin, w.end);
    w.exp_depth = 0;
  }

  const auto id = static_cast<uint32_t>(store_->words.size());
  WordData& d = store_->words.emplace_back();
  d.word.raw = std::string_view(copy_ + w.begin, w.end - w.begin);
  d.word.text = w.text == d.word.raw ? d.word.raw : keep(w.text);
  w.text.clear();  // the builder keeps its buffer for the next word
  d.word.range = cursor_.range(w.begin, w.end);
  d.word.quoted = w.quoted;
  d.word.has_expansion = w.expansion;
  d.word.has_substitution = w.substitution;
  d.literal = w.literal;
  d.text = text_id_;
  d.begin = w.begin;
  d.end = w.end;
  if (!w.subs.empty()) d.substitutions = std::move(w.subs);
  w.subs.clear();

  const bool plain = !w.quoted && !w.expansion && !w.substitution;
  const std::string_view s = d.word.text;
  const uint32_t b = w.begin, e = w.end;

  if (f.redir_target) {
    f.redir_target = false;
    if (f.heredoc_target) {
      f.heredoc_target = false;
      d.heredoc = static_cast<uint32_t>(store_->heredocs.size());
      HeredocData& h = store_->heredocs.emplace_back();
      h.expands = !w.quoted;
      pending_.push_back({d.heredoc, std::string(s), f.heredoc_strip});
    }
    if (f.redir_simple && !f.cmd.empty()) {
      f.cmd.back().word = id;
      f.cmd.back().end = e;
    } else {
      emit(L::WORD, b, e, id);
    }
    return;
  }

  Pos pos = f.pos;
  if (pos == Pos::func_parens) pos = Pos::start;  // `function f {`: the body follows the name
  if (pos == Pos::after_close) {
    // POSIX 2.4: the word after a reserved word (other than case, for, in) is recognized as
    // reserved too, so `fi done` closes both; anything else is an argument (a syntax error).
    if (plain) {
      size_t r = reserved_word(s);
      if (r == L::ESAC && (f.open.empty() || f.open.back() != Open::case_)) r = 0;
      if (r != 0) {
        on_reserved(r, b, e);
        return;
      }
    }
    pos = Pos::args;
  }
  switch (pos) {
    case Pos::start:
      if (plain) {
        size_t r = reserved_word(s);
        // `esac` closes a case only inside one; elsewhere it is an ordinary name.
        if (r == L::ESAC && (f.open.empty() || f.open.back() != Open::case_)) r = 0;
        if (r != 0) {
          on_reserved(r, b, e);
          return;
        }
      }
      [[fallthrough]];
    case Pos::after_prefix:
      if (is_assignment(d.word.raw)) {
        f.cmd.push_back({Item::Kind::assign, id, 0, b, e});
        f.pos = Pos::after_prefix;
        return;
      }
      f.cmd.push_back({Item::Kind::word, id, 0, b, e});
      f.pos = plain && s == "[[" ? Pos::dbracket : Pos::args;
      return;
    case Pos::args:
      f.cmd.push_back({Item::Kind::word, id, 0, b, e});
      return;
    case Pos::dbracket:
      f.cmd.push_back({Item::Kind::word, id, 0, b, e});
      if (plain && s == "]]") f.pos = Pos::args;
      return;
    case Pos::for_name:
      emit(L::WORD, b, e, id);
      f.pos = Pos::for_in;
      return;
    case Pos::for_in:
      if (plain && s == "in") {
        emit(L::IN, b, e);
        f.pos = Pos::for_words;
      } else if (plain && s == "do") {
        emit(L::DO, b, e);
        f.pos = Pos::start;
      } else {
        emit(L::WORD, b, e, id);
      }
      return;
    case Pos::for_words:
      emit(L::WORD, b, e, id);
      return;
    case Pos::case_word:
      emit(L::WORD, b, e, id);
      f.pos = Pos::case_in;
      return;
    case Pos::case_in:
      if (plain && s == "in") {
        emit(L::IN, b, e);
        f.pos = Pos::case_pattern;
      } else {
        emit(L::WORD, b, e, id);
      }
      return;
    case Pos::case_pattern:
      if (plain && s == "esac" && !f.open.empty() && f.open.back() == Open::case_) {
        f.open.pop_back();
        pop_depth();
        emit(L::ESAC, b, e);
        f.pos = Pos::after_close;
      } else {
        emit(L::WORD, b, e, id);
      }
      return;
    case Pos::func_name:
      emit(L::WORD, b, e, id);
      f.pos = Pos::func_parens;
      return;
    case Pos::func_parens:
    case Pos::after_close:
      return;  // unreachable: mapped above
  }
}

void Tokenizer::on_reserved(size_t type, uint32_t b, uint32_t e) {
  Frame& f = frames_[frame_count_ - 1];
  auto push = [&](Open o) {
    if (!push_depth()) return false;
    f.open.push_back(o);
    return true;
  };
  auto pop = [&](Open o) {
    if (!f.open.empty() && f.open.back() == o) {
      f.open.pop_back();
      pop_depth();
    }
  };
  switch (type) {
    case L::IF:
      if (!push(Open::if_)) return;
      break;
    case L::WHILE:
    case L::UNTIL:
      if (!push(Open::loop)) return;
      break;
    case L::FOR:
      if (!push(Open::loop)) return;
      emit(type, b, e);
      f.pos = Pos::for_name;
      return;
    case L::CASE:
      if (!push(Open::case_)) return;
      emit(type, b, e);
      f.pos = Pos::case_word;
      return;
    case L::LBRACE:
      if (!push(Open::brace)) return;
      break;
    case L::FI:
      pop(Open::if_);
      emit(type, b, e);
      f.pos = Pos::after_close;
      return;
    case L::DONE:
      pop(Open::loop);
      emit(type, b, e);
      f.pos = Pos::after_close;
      return;
    case L::RBRACE:
      pop(Open::brace);
      emit(type, b, e);
      f.pos = Pos::after_close;
      return;
    case L::ESAC:
      // The last item of a case may omit `;;` (POSIX); the grammar wants it, so add an empty one.
      emit(L::DSEMI, b, b);
      pop(Open::case_);
      emit(type, b, e);
      f.pos = Pos::after_close;
      return;
    case L::FUNCTION:
      emit(type, b, e);
      f.pos = Pos::func_name;
      return;
    default:  // THEN ELSE ELIF DO BANG
      break;
  }
  emit(type, b, e);
  f.pos = Pos::start;
}

void Tokenizer::on_lparen(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  if (f.pos == Pos::case_pattern) {
    emit(L::LPAREN, t.begin, t.end);  // the optional '(' before a pattern
    return;
  }
  if (f.pos == Pos::func_parens && !f.fn_lparen && next_is_rparen()) {
    f.fn_lparen = true;  // `function f ()`: the parentheses are not tokens for the parser
    return;
  }
  if (f.pos == Pos::func_parens) f.pos = Pos::start;  // `function f (...)`: a subshell body
  if ((f.pos == Pos::start || f.pos == Pos::for_name) && stream_.LA(1) == '(') {
    // bash `(( expr ))` and `for (( ; ; ))`: one word, read in arithmetic mode.
    start_word(t.begin);
    stream_.consume();
    WordBuilder& w = f.word;
    w.end = t.end + 1;
    if (!push_depth()) return;
    lexer_.pushMode(L::ARITH);
    w.quotes.push_back(Quote::arith);
    w.expansion = true;
    w.exp_depth = 1;
    w.exp_begin = t.begin;
    return;
  }
  if (f.pos == Pos::args && f.cmd.size() == 1 && f.cmd[0].kind == Item::Kind::word &&
      next_is_rparen()) {
    // `name()`: a function definition; the parser sees FNAME and the body.
    const Item name = f.cmd[0];
    f.cmd.clear();
    emit(L::FNAME, name.begin, name.end, name.word);
    f.pos = Pos::func_parens;
    f.fn_lparen = true;
    return;
  }
  if (!push_depth()) return;
  f.open.push_back(Open::paren);
  emit(L::LPAREN, t.begin, t.end);
  f.pos = Pos::start;
}

bool Tokenizer::next_is_rparen() {
  for (ssize_t k = 1;; ++k) {
    const size_t c = stream_.LA(k);
    if (c != ' ' && c != '\t') return c == ')';
  }
}

void Tokenizer::on_rparen(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  if (f.pos == Pos::func_parens && f.fn_lparen) {
    f.fn_lparen = false;
    f.pos = Pos::start;  // the body follows
    return;
  }
  if (f.pos == Pos::case_pattern) {
    emit(L::RPAREN, t.begin, t.end);
    f.pos = Pos::start;
    return;
  }
  if (!f.open.empty() && f.open.back() == Open::paren) {
    f.open.pop_back();
    pop_depth();
    emit(L::RPAREN, t.begin, t.end);
    f.pos = Pos::after_close;  // redirections may follow; a word would be an error
    return;
  }
  if (f.closer == Closer::paren) {
    close_frame(t.end, true);
    return;
  }
  emit(L::RPAREN, t.begin, t.end);  // unbalanced: the parser reports it
}

void Tokenizer::on_operator(const Raw& t) {
  Frame& f = frames_[frame_count_ - 1];
  if (f.redir_target) {
    f.redir_target = f.heredoc_target = false;
    error("redirection without a target", t.begin, t.end);
  }
  if (f.pos == Pos::func_parens && f.fn_lparen) {
    f.fn_lparen = false;
    error("expected ')' after '(' in a function definition", t.begin, t.end);
  }
  switch (t.type) {
    case L::NEWLINE:
      emit(L::NEWLINE, t.begin, t.end);
      if (!pending_.empty()) read_heredoc_bodies();
      if (f.pos != Pos::for_in && f.pos != Pos::case_in && f.pos != Pos::case_pattern &&
          f.pos != Pos::func_parens) {
        f.pos = Pos::start;
      }
      return;
    case L::SEMI:
      emit(L::SEMI, t.begin, t.end);
      if (f.pos != Pos::for_in) f.pos = Pos::start;  // `for x; do`
      return;
    case L::PIPE:
      emit(L::PIPE, t.begin, t.end);
      if (f.pos != Pos::case_pattern) f.pos = Pos::start;  // `a|b)` in a case pattern
      return;
    case L::DSEMI:
      emit(L::DSEMI, t.begin, t.end);
      f.pos = !f.open.empty() && f.open.back() == Open::case_ ? Pos::case_pattern : Pos::start;
      return;
    case L::AMP:
    case L::AND_IF:
    case L::OR_IF:
    case L::PIPE_AMP:
      emit(t.type, t.begin, t.end);
      f.pos = Pos::start;
      return;
    default:
      break;
  }
  if (is_redir(t.type)) {
    int32_t fd = -1;
    uint32_t i = t.begin;
    if (i < t.end && is_digit(text_[i])) {
      fd = 0;
      while (i < t.end && is_digit(text_[i])) {
        if (fd < 100000) fd = fd * 10 + (text_[i] - '0');
        ++i;
      }
    }
    const auto data =
        static_cast<uint32_t>(redir_kind(t.type)) | (static_cast<uint32_t>(fd + 1) << 8);
    // In a simple command's place it is part of that command; after a compound command it is
    // the compound command's (`{ ...; } >log`).
    f.redir_simple = f.pos == Pos::start || f.pos == Pos::after_prefix || f.pos == Pos::args;
    if (f.redir_simple) {
      f.cmd.push_back({Item::Kind::redir, npos, data, t.begin, t.end});
    } else {
      emit(L::REDIR, t.begin, t.end, data);
    }
    f.redir_target = true;
    f.heredoc_target = t.type == L::DLESS || t.type == L::DLESSDASH;
    f.heredoc_strip = t.type == L::DLESSDASH;
    // A redirection before the name does not make the next word an argument, but reserved
    // words are only recognized first.
    if (f.pos == Pos::start) f.pos = Pos::after_prefix;
    return;
  }
  // Nothing else reaches here (parts and context tokens are handled by step()).
}

void Tokenizer::open_frame(Closer closer, uint32_t opener) {
  if (!push_depth()) return;
  const auto buffer = static_cast<uint32_t>(store_->buffers.size());
  store_->buffers.push_back({{}, text_id_, opener});
  if (frame_count_ == frames_.size()) frames_.emplace_back();
  Frame& f = frames_[frame_count_++];
  f.buffer = buffer;
  f.closer = closer;
  f.opener = opener;
  f.pos = Pos::start;
  f.redir_target = f.redir_simple = f.heredoc_target = f.heredoc_strip = f.fn_lparen = false;
  f.open.clear();
  f.cmd.clear();
  f.word.open = false;
}

void Tokenizer::close_frame(uint32_t end, bool pop_mode) {
  Frame& inner = frames_[frame_count_ - 1];
  if (inner.word.open) finish_word();
  if (inner.redir_target) error("redirection without a target", end, end);
  depth_ -= static_cast<uint32_t>(inner.open.size());
  pop_depth();
  emit(kEof, end, end);
  const uint32_t buffer = inner.buffer;
  const uint32_t opener = inner.opener;
  --frame_count_;
  if (pop_mode && !lexer_.modeStack.empty()) lexer_.popMode();
  WordBuilder& w = frames_[frame_count_ - 1].word;
  w.subs.push_back(buffer);
  w.end = end;
  if (w.exp_depth == 0) w.text += slice(opener, end);
}

void Tokenizer::read_heredoc_bodies() {
  // The bodies follow the newline, one after the other (POSIX 2.7.4).
  for (const PendingHeredoc& p : pending_) {
    const uint32_t body_begin = stream_.byte_offset(stream_.index());
    uint32_t body_end = body_begin;
    bool found = false;
    while (stream_.LA(1) != kEof) {
      const uint32_t lb = stream_.byte_offset(stream_.index());
      while (stream_.LA(1) != kEof) {
        const size_t c = stream_.LA(1);
        stream_.consume();
        if (c == '\n') break;
      }
      const uint32_t le = stream_.byte_offset(stream_.index());
      std::string_view line = slice(lb, le);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
      if (p.strip) {
        while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
      }
      if (line == p.delimiter) {
        found = true;
        body_end = lb;
        break;
      }
      body_end = le;
    }
    if (!found) {
      error(fmt::format("heredoc '{}' is not terminated", p.delimiter), body_begin, body_end);
    }
    HeredocData& h = store_->heredocs[p.heredoc];
    h.body.assign(slice(body_begin, body_end));
    h.range = map_->to_source(body_begin, body_end);
    h.text_begin = body_begin;
  }
  pending_.clear();
}

void Tokenizer::finish() {
  while (frame_count_ > 1) {
    Frame& f = frames_[frame_count_ - 1];
    if (f.word.open) finish_word();
    if (!stopped_) {
      error(f.closer == Closer::backtick ? "unterminated backtick command substitution"
                                         : "unterminated command substitution",
            f.opener, static_cast<uint32_t>(text_.size()));
    }
    close_frame(static_cast<uint32_t>(text_.size()), false);
  }
  Frame& f = frames_[0];
  if (f.word.open) finish_word();
  if (f.redir_target && !stopped_) {
    const auto end = static_cast<uint32_t>(text_.size());
    error("redirection without a target", end, end);
  }
  // Heredocs still open take the bodies given from outside (a RUN's Dockerfile heredocs).
  size_t next = 0;
  for (const PendingHeredoc& p : pending_) {
    HeredocData& h = store_->heredocs[p.heredoc];
    if (next < external_.size()) {
      h.body.assign(external_[next].content);
      h.range = external_[next].range;
      h.external = true;
      ++next;
    } else if (!stopped_) {
      const uint32_t end = static_cast<uint32_t>(text_.size());
      error(fmt::format("heredoc '{}' has no body", p.delimiter), end, end);
    }
  }
  pending_.clear();
  const auto end = static_cast<uint32_t>(text_.size());
  emit(kEof, end, end);
  frame_count_ = 0;
}

}  // namespace dfopt::shell::detail
