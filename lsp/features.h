#pragma once
// Editor features for `dfopt lsp`: hover, completion, document symbols and folding ranges,
// computed from one parse and one model of a document. The functions are pure: they read the
// document and return results located by byte offsets into its text; the server converts
// offsets to the protocol's UTF-16 positions. Every function accepts a partial AST (a document
// that does not parse) and any offset, including offsets at or past the end of the text.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/model.h"
#include "dfopt/source.h"

namespace dfopt::lsp {

/// One analysed document. Every reference must outlive the call it is passed to.
struct DocumentView {
  const SourceFile& source;
  const ast::Dockerfile& ast;
  const model::Model& model;
  std::span<const Diagnostic> diagnostics;
};

// Hover --------------------------------------------------------------------------------------

struct HoverResult {
  std::string markdown;  ///< the hover text (Markdown)
  TextRange range;       ///< the hovered token
};

/// Hover text for the token at byte `offset`: the rule docs of a diagnostic there, the docs of an
/// instruction keyword or flag, the value of `$VAR`/`${VAR}` in that instruction's scope, or what
/// is known about a FROM image. nullopt when there is nothing to say.
std::optional<HoverResult> hover(const DocumentView& doc, size_t offset);

// Completion -----------------------------------------------------------------------------------

/// Mirrors the protocol's CompletionItemKind values the features use.
enum class CompletionKind : uint8_t {
  keyword,   ///< an instruction keyword (LSP Keyword = 14)
  property,  ///< a flag or a mount option (LSP Property = 10)
  value,     ///< a flag value: mount type, network mode... (LSP Value = 12)
  variable,  ///< an ARG/ENV name (LSP Variable = 6)
  module,    ///< a build stage (LSP Module = 9)
  snippet,   ///< a directive line (LSP Snippet = 15)
};

struct CompletionItem {
  std::string label;  ///< what the list shows
  CompletionKind kind = CompletionKind::keyword;
  std::string detail;         ///< one line shown next to the label
  std::string documentation;  ///< Markdown; may be empty
  std::string insert_text;    ///< replaces `range`
  TextRange range;            ///< bytes replaced on accept (empty: insert at the offset)
};

/// Completions at byte `offset`: instruction keywords at a line start (in the file's keyword
/// case), flags after `--`, stage names after `--from=` and `FROM`, ARG/ENV names in scope after
/// `$`/`${`, mount types and options inside `--mount=`, `--network`/`--security` values, and
/// parser directives at the top of the file. Empty when nothing applies.
std::vector<CompletionItem> complete(const DocumentView& doc, size_t offset);

// Document symbols -----------------------------------------------------------------------------

/// Mirrors the protocol's SymbolKind values the features use.
enum class SymbolKind : uint8_t {
  module,    ///< a build stage (LSP Module = 2)
  function,  ///< an instruction (LSP Function = 12)
  variable,  ///< an ARG or ENV declaration (LSP Variable = 13)
};

struct DocumentSymbol {
  std::string name;    ///< stage: its name or image; instruction: its keyword (upper case)
  std::string detail;  ///< e.g. the image of a named stage, the arguments of an instruction
  SymbolKind kind = SymbolKind::function;
  TextRange range;            ///< the whole construct
  TextRange selection_range;  ///< the part to highlight: stage name or image, keyword
  std::vector<DocumentSymbol> children;
};

/// Stages (with their instructions as children) and the ARGs before the first FROM, in order.
std::vector<DocumentSymbol> symbols(const DocumentView& doc);

// Folding ranges -------------------------------------------------------------------------------

enum class FoldingKind : uint8_t { region, comment };

struct FoldingRange {
  uint32_t start_line = 0;  ///< 0-based, as the protocol counts
  uint32_t end_line = 0;    ///< 0-based, inclusive; always > start_line
  FoldingKind kind = FoldingKind::region;
};

/// Stages, multi-line instructions, heredoc bodies and runs of two or more comment lines.
std::vector<FoldingRange> folding_ranges(const DocumentView& doc);

}  // namespace dfopt::lsp
