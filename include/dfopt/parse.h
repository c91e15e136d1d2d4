#pragma once

#include <memory>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/source.h"

namespace dfopt {

struct ParseOptions {
  /// Larger inputs are rejected with one diagnostic instead of being parsed. Real Dockerfiles
  /// are far below this; the limit bounds memory on hostile input.
  uint32_t max_bytes = 16u << 20;
  /// Lex instruction bodies with the generated lexer instead of dfopt's equivalent scanner:
  /// slower; for tests that check the two agree.
  bool reference_lexer = false;
};

/// The result of parsing one file. `diagnostics` holds syntax errors (code "syntax-error") and
/// parser warnings; the AST holds everything that parsed, so a front end still gets a partial
/// tree for a broken file.
struct ParseResult {
  ast::Dockerfile ast;
  std::vector<Diagnostic> diagnostics;

  /// True when BuildKit would accept the file (no error-severity diagnostic).
  bool ok() const;
};

/// A reusable parser. It keeps the generated lexer and parser objects between calls, so a
/// worker that parses many files pays their set-up once. Not thread-safe: use one per thread.
class Parser {
 public:
  explicit Parser(ParseOptions options = {});
  ~Parser();
  Parser(Parser&&) noexcept;
  Parser& operator=(Parser&&) noexcept;

  /// Parses `file`. Never throws; malformed input yields diagnostics.
  ParseResult parse(const SourceFile& file);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Convenience: parses with a fresh Parser.
ParseResult parse(const SourceFile& file, const ParseOptions& options = {});

}  // namespace dfopt
