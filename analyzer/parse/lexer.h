#pragma once

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "DockerfileLexer.h"
#include "antlr4-runtime.h"
#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "parse/logical_line.h"

namespace dfopt::detail {

/// The source as ANTLR sees it: code points, with a map back to byte offsets. Invalid UTF-8
/// bytes become code points U+DC80..U+DCFF (never a character the grammar names), so any byte
/// sequence lexes and maps back exactly. Reused between files to keep its buffers.
class SourceCharStream : public antlr4::ANTLRInputStream {
 public:
  /// Loads `text[begin..]`. Returns the offset of the first invalid UTF-8 byte, or -1.
  int64_t load_bytes(std::string_view text, uint32_t begin);
  /// Byte offset (in the whole text) of code point index `i` (i may equal size()).
  uint32_t byte_offset(size_t i) const {
    return identity_ ? base_ + static_cast<uint32_t>(i) : offsets_[i];
  }
  /// Code point index of the character starting at byte offset `byte` (or of the next one).
  size_t index_of_byte(uint32_t byte) const;
  /// Moves the read position to code point index `i` (forward or back) without re-lexing.
  void jump(size_t i) { p = std::min(i, _data.size()); }

 private:
  std::vector<uint32_t> offsets_;
  uint32_t base_ = 0;
  bool identity_ = true;
};

/// The generated lexer plus the context-sensitive parts of BuildKit's line reading (see
/// grammar/DockerfileLexer.g4): directives, the escape token, line continuations and heredoc
/// bodies. It also joins each instruction's logical line on the fly, so the AST builder never
/// re-reads the tokens' text.
class DockerLexer : public grammar::DockerfileLexer {
 public:
  explicit DockerLexer(SourceCharStream* input);

  /// Read instruction bodies with the generated lexer's INSTR and CONT modes instead of the
  /// equivalent byte scanner. Slower; kept as the reference the scanner is tested against.
  void set_reference_mode(bool on) { reference_mode_ = on; }

  /// Prepares for a new file whose bytes are `text` (the stream must already hold them).
  void begin(std::string_view text);
  std::unique_ptr<antlr4::Token> nextToken() override;

  /// Results, valid after the token stream reached EOF.
  std::deque<LogicalLine>& lines() { return lines_; }
  std::vector<ast::Directive>& directives() { return directives_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  char escape() const { return escape_; }

 private:
  uint32_t start_of(const antlr4::Token& t) const;
  uint32_t end_of(const antlr4::Token& t) const;
  void on_comment(antlr4::Token& t);
  void start_instruction(const antlr4::Token& t);
  void append(const antlr4::Token& t);
  void on_escape_candidate(antlr4::Token& t, bool is_escape);
  void read_instruction(std::unique_ptr<antlr4::Token> first);
  void scan_instruction(uint32_t body_begin);
  void trim_trailing_cr();
  void finish_instruction();
  void read_heredoc_bodies();

  SourceCharStream* stream_;
  std::string_view text_;
  std::deque<LogicalLine> lines_;  // consumed from the front by the AST builder
  std::vector<ast::Directive> directives_;
  std::vector<Diagnostic> diagnostics_;
  std::deque<std::unique_ptr<antlr4::Token>> pending_;
  LogicalLine current_;
  char escape_ = '\\';
  bool directives_open_ = true;
  bool in_instruction_ = false;
  bool previous_was_escape_ = false;  // on the current physical line
  bool reference_mode_ = false;
};

}  // namespace dfopt::detail
