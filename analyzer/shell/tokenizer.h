#pragma once

// The context-sensitive half of shell lexing (see grammar/ShellLexer.g4): drives the generated
// ShellLexer and turns its word parts and operators into the tokens ShellParser reads. Only
// analyzer/shell/ sees this header (and ANTLR).

#include <algorithm>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ShellLexer.h"
#include "antlr4-runtime.h"
#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/shell.h"
#include "shell/internal.h"

namespace dfopt::shell::detail {

/// Compound commands, substitutions and quotes nested deeper than this end the analysis of a
/// script with a diagnostic: it bounds the parser's recursion (about five ANTLR rule frames per
/// level) whatever the input. Real scripts nest fewer than ten levels.
inline constexpr uint32_t kMaxDepth = 100;

/// The script as ANTLR reads it: code points, with a map back to byte offsets. Invalid UTF-8
/// bytes become one code point each in U+DC80..U+DCFF (LIT matches them), so any byte string
/// lexes and maps back exactly. Reused between scripts to keep its buffers.
class CharStream : public antlr4::ANTLRInputStream {
 public:
  void load_bytes(std::string_view text);
  /// Byte offset of code point index `i` (i may equal size()).
  uint32_t byte_offset(size_t i) const {
    return identity_ ? static_cast<uint32_t>(i) : offsets_[i];
  }
  const char32_t* code_points() const { return _data.data(); }
  size_t length() const { return _data.size(); }
  /// Moves to code point `i` (i <= length()) without stepping through the characters between.
  void jump(size_t i) { p = i; }

 private:
  std::vector<uint32_t> offsets_;
  bool identity_ = true;
};

/// A token for ShellParser: its type, byte offsets in its script text and, for WORD and FNAME,
/// the index of its WordData; for SIMPLE its Simple; for REDIR the operator (RedirKind |
/// (fd + 1) << 8). Tokens live in the Store's pool and are reused from script to script.
class Token : public antlr4::CommonToken {
 public:
  Token();
  void set(size_t type, uint32_t begin, uint32_t end, uint32_t data, size_t index);
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t data = 0;
};

/// The parser's view of one buffer: a TokenStream over pooled tokens, without the channel
/// filtering, lazy fetching and copying of CommonTokenStream (the tokenizer made every token
/// already, and there are no hidden channels).
class TokenVector final : public antlr4::TokenStream {
 public:
  explicit TokenVector(std::span<Token* const> tokens) : tokens_(tokens) {}
  antlr4::Token* LT(ssize_t k) override;
  size_t LA(ssize_t i) override;
  void consume() override {
    if (p_ + 1 < tokens_.size()) ++p_;
  }
  ssize_t mark() override { return 0; }
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t i) override { p_ = std::min(i, tokens_.size() - 1); }
  size_t size() override { return tokens_.size(); }
  std::string getSourceName() const override { return "shell"; }
  antlr4::Token* get(size_t i) const override { return tokens_[i]; }
  antlr4::TokenSource* getTokenSource() const override;
  std::string getText(const antlr4::misc::Interval&) override { return {}; }
  std::string getText() override { return {}; }
  std::string getText(antlr4::RuleContext*) override { return {}; }
  std::string getText(antlr4::Token*, antlr4::Token*) override { return {}; }

 private:
  std::span<Token* const> tokens_;  // ends with EOF
  size_t p_ = 0;
};

/// A finished word and what the builder needs besides the public Word.
struct WordData {
  Word word;
  uint32_t text = 0;   ///< the script text it belongs to
  uint32_t begin = 0;  ///< offsets in that text
  uint32_t end = 0;
  std::vector<uint32_t> substitutions;  ///< buffers of its `$(...)`, backticks, `<(...)`
  uint32_t heredoc = npos;              ///< for a heredoc delimiter: its HeredocData
  bool literal = false;  ///< has a part outside expansions (so it never expands to nothing)
};

struct HeredocData {
  std::string body;
  TextRange range;  ///< source range of the body; empty when there is none
  bool expands = true;
  bool external = false;    ///< the body came from outside the text (contiguous in the source)
  uint32_t text_begin = 0;  ///< otherwise: where the body starts in its text
};

/// One part of a simple command.
struct Item {
  enum class Kind : uint8_t { word, assign, redir };
  Kind kind = Kind::word;
  uint32_t word = npos;  ///< its WordData; for a redirection, the target's (npos if missing)
  uint32_t redir = 0;    ///< redirection: RedirKind | (fd + 1) << 8
  uint32_t begin = 0;    ///< text offsets: the word, or operator through target
  uint32_t end = 0;
};

/// A simple command: items [begin, end) of Store::items. A SIMPLE token's data names one.
struct Simple {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// The tokens of one list: a script, or the inside of one substitution.
struct Buffer {
  std::vector<Token*> tokens;
  uint32_t text = 0;   ///< script text id
  uint32_t begin = 0;  ///< text offset of the substitution's opener (0 for a script)
};

/// Everything the tokenizer produced for one Script (all its texts).
struct Store {
  std::vector<WordData> words;
  std::vector<Item> items;
  std::vector<Simple> simples;
  std::vector<HeredocData> heredocs;
  std::vector<Buffer> buffers;
  std::deque<Token> pool;  // tokens, reused: the first `used` are live
  size_t used = 0;
  /// The Script's storage, where the words' bytes go.
  std::vector<std::unique_ptr<char[]>>* storage = nullptr;

  Token* new_token() { return used < pool.size() ? &pool[used++] : (++used, &pool.emplace_back()); }
  void clear() {
    words.clear();
    items.clear();
    simples.clear();
    heredocs.clear();
    buffers.clear();
    used = 0;
  }
};

class Tokenizer {
 public:
  Tokenizer();

  /// Match the tokens whose rules switch no mode in C++ (see scan_run) instead of with the
  /// generated lexer. Off only to test that both agree (ShellParserOptions::fast_scan).
  bool fast_path = true;

  /// Tokenizes `text` (script text `text_id`, whose offsets `map` maps to the source) into
  /// `store`, and returns the id of the script's buffer; each substitution gets a buffer of its
  /// own, named by the word that contains it. `depth_base` is the nesting depth of the text
  /// (an `sh -c` script inside a substitution starts deeper). Problems are appended to `diags`.
  uint32_t run(std::string_view text, uint32_t text_id, const ast::SourceMap& map,
               std::span<const ExternalHeredoc> external, uint32_t depth_base, Store& store,
               std::vector<Diagnostic>& diags);

 private:
  // The state of the command-level grammar in one frame (POSIX 2.4: where reserved words are).
  enum class Pos : uint8_t {
    start,         // a command may start: reserved words, assignments, the command name
    after_prefix,  // after an assignment or redirection: assignments and the name only
    args,          // arguments
    after_close,   // after fi/done/esac/} (another reserved word may follow: `fi done`) or a
                   // subshell's `)`: redirections of the compound command, then an operator
    dbracket,      // inside [[ ... ]]: operators are words
    for_name,      // after `for`
    for_in,        // after `for NAME`: `in` or `do` are reserved
    for_words,     // the words after `for NAME in`
    case_word,     // after `case`
    case_in,       // after `case WORD`: `in`
    case_pattern,  // a case item's pattern list
    func_name,     // after `function`
    func_parens,   // after the name of a function definition: its `()`
  };
  enum class Open : uint8_t { paren, brace, if_, loop, case_ };
  enum class Quote : uint8_t { dq, param, arith };
  enum class Closer : uint8_t { eof, paren, backtick };

  // A word being read; its parts are the lexer tokens between blanks and operators.
  struct WordBuilder {
    bool open = false;
    uint32_t begin = 0;
    uint32_t end = 0;
    std::string text;
    bool quoted = false;
    bool expansion = false;
    bool substitution = false;
    bool literal = false;
    std::vector<Quote> quotes;  // open quotes and expansions, innermost last
    uint32_t exp_depth = 0;     // open ${ } and $(( )) (their text is added raw at the end)
    uint32_t exp_begin = 0;
    uint32_t array_depth = 0;  // inside a bash array assignment a=( ... )
    std::vector<uint32_t> subs;
  };

  // One command-level context: the script, or the inside of a substitution.
  struct Frame {
    uint32_t buffer = 0;
    Closer closer = Closer::eof;
    uint32_t opener = 0;  // text offset of the opener
    Pos pos = Pos::start;
    bool redir_target = false;    // the next word is a redirection's target
    bool redir_simple = false;    // ... of a redirection of the simple command being read
    bool heredoc_target = false;  // ... of `<<` or `<<-`
    bool heredoc_strip = false;
    bool fn_lparen = false;  // read the `(` of a function definition's `()`
    std::vector<Open> open;
    std::vector<Item> cmd;  // the simple command being read (emitted as SIMPLE at its end)
    WordBuilder word;
  };

  struct Raw {
    size_t type = 0;
    size_t cp_begin = 0;
    uint32_t begin = 0;
    uint32_t end = 0;
  };

  struct PendingHeredoc {
    uint32_t heredoc;  // HeredocData index
    std::string delimiter;
    bool strip;
  };

  void next_raw(Raw& t);
  bool scan_run(Raw& t);
  void step(const Raw& t);
  void add_part(const Raw& t);
  void start_word(uint32_t begin);
  void finish_word();
  void emit(size_t type, uint32_t begin, uint32_t end, uint32_t data = 0);
  void flush_simple(Frame& f);
  void on_reserved(size_t type, uint32_t begin, uint32_t end);
  void on_lparen(const Raw& t);
  void on_rparen(const Raw& t);
  bool next_is_rparen();
  void on_operator(const Raw& t);
  void open_frame(Closer closer, uint32_t opener);
  void close_frame(uint32_t end, bool pop_mode);
  void read_heredoc_bodies();
  void finish();
  bool push_depth();
  void pop_depth() { --depth_; }
  void array_step(const Raw& t);
  void error(std::string message, uint32_t begin, uint32_t end);
  std::string_view slice(uint32_t b, uint32_t e) const { return text_.substr(b, e - b); }
  std::string_view keep(std::string_view bytes);

  CharStream stream_;
  grammar::ShellLexer lexer_{&stream_};
  antlr4::atn::LexerATNSimulator* sim_ = nullptr;

  // Per run.
  std::string_view text_;
  const char* copy_ = nullptr;  // text_ copied into the Script's storage (raw views point here)
  char* spare_ = nullptr;       // room in storage for quote-removed values
  size_t spare_left_ = 0;
  uint32_t text_id_ = 0;
  const ast::SourceMap* map_ = nullptr;
  MapCursor cursor_;
  std::span<const ExternalHeredoc> external_;
  Store* store_ = nullptr;
  std::vector<Diagnostic>* diags_ = nullptr;
  // frames_[0] is the script, frames_[frame_count_ - 1] the current frame; frames past the
  // count are kept to reuse their buffers.
  std::vector<Frame> frames_;
  size_t frame_count_ = 0;
  std::vector<PendingHeredoc> pending_;
  uint32_t depth_ = 0;
  bool stopped_ = false;
};

}  // namespace dfopt::shell::detail
