#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/source.h"

/// The lossless Dockerfile syntax tree. Values follow BuildKit's parser exactly (the `Value`s of
/// its Node chain); every node also carries the byte range it came from, so that a fix can
/// replace one token and leave every other byte alone. No ANTLR type appears here.
namespace dfopt::ast {

enum class InstrKind : uint8_t {
  add,
  arg,
  cmd,
  copy,
  entrypoint,
  env,
  expose,
  from,
  healthcheck,
  label,
  maintainer,
  onbuild,
  run,
  shell,
  stopsignal,
  user,
  volume,
  workdir,
  unknown,  ///< a keyword BuildKit does not know; it parses, the build rejects it
};

/// Canonical upper-case keyword ("FROM"); "" for unknown.
std::string_view keyword_name(InstrKind kind);
/// Case-insensitive keyword lookup; InstrKind::unknown when not a Dockerfile instruction.
InstrKind kind_from_keyword(std::string_view keyword);

/// A value with the source bytes it was read from. `value` is what BuildKit sees (continuations
/// joined, and for flags quotes and escapes removed); `range` covers the source text, which may
/// span line continuations and comment lines inside them.
struct Word {
  std::string value;
  TextRange range;
};

/// Maps offsets of a joined (logical) text back to source offsets: one piece per run of bytes
/// that is contiguous in the source. A continuation starts a new piece.
struct SourceMap {
  struct Piece {
    uint32_t logical;  ///< offset in the joined text
    uint32_t source;   ///< offset in the source file
    uint32_t size;
  };
  std::vector<Piece> pieces;

  /// Source offset of joined-text offset `offset` (which may equal the text's size).
  uint32_t to_source(uint32_t offset) const;
  /// Source range of joined-text range [begin, end); empty ranges stay empty.
  TextRange to_source(uint32_t begin, uint32_t end) const;
};

/// A `--name[=value]` option before the arguments.
struct Flag {
  std::string text;  ///< processed flag as BuildKit keeps it, e.g. "--from=build"
  std::string name;  ///< "from" (text after "--" up to '=')
  std::optional<std::string> value;  ///< text after the first '=', if any
  TextRange range;                   ///< the whole flag word in the source
  TextRange name_range;              ///< the name, without "--"
  TextRange value_range;             ///< the value after '='; empty when there is none
};

/// How RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD, ADD, COPY and VOLUME spell their arguments.
enum class ArgForm : uint8_t {
  none,   ///< no arguments
  exec,   ///< a JSON array of strings (BuildKit's "json" attribute)
  shell,  ///< anything else: shell form / whitespace-separated words
};

/// A heredoc attached to RUN, COPY or ADD (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`).
struct Heredoc {
  std::string name;        ///< the terminator word, quotes removed
  bool expand = true;      ///< false when any part of the word was quoted
  bool chomp = false;      ///< `<<-`: leading tabs are stripped from the terminator (and body)
  uint32_t fd = 0;         ///< file descriptor prefix, 0 when absent
  bool terminated = true;  ///< false when the file ended before the terminator line
  TextRange opener;        ///< the `<<EOF` word on the instruction line
  TextRange body;          ///< the body lines, each with its line ending
  TextRange terminator;    ///< the terminator line without its line ending; empty if unterminated
  std::string content;     ///< BuildKit's Content: the body bytes
};

/// ENV/LABEL/ARG `key=value` pair, or the legacy `ENV key value` form.
struct KeyValue {
  Word key;
  std::optional<Word> value;  ///< absent for `ARG name` without default
  bool legacy = false;        ///< `ENV key value` (no '=')
  TextRange range;            ///< the whole pair
};

/// A comment line: `#` and what follows, without the line ending (leading blanks excluded).
struct Comment {
  TextRange range;
  bool inside_instruction = false;  ///< inside a line continuation
};

/// A parser directive at the top of the file: `# syntax=`, `# escape=`, `# check=`.
struct Directive {
  std::string name;  ///< lower-cased
  std::string value;
  TextRange range;  ///< the whole comment line
  TextRange name_range;
  TextRange value_range;
};

/// One instruction. Generic parts (keyword, flags, args) mirror BuildKit's Node; the typed parts
/// below are filled for the instructions they concern.
struct Instruction {
  InstrKind kind = InstrKind::unknown;
  Word keyword;       ///< as written; range covers only the keyword
  TextRange range;    ///< first keyword byte to the end of the last line (heredocs included),
                      ///< without the final line ending
  uint32_t start_line = 0;  ///< 1-based physical lines, as BuildKit's StartLine/EndLine
  uint32_t end_line = 0;
  std::vector<Flag> flags;
  /// BuildKit's argument chain (Node.Next values), e.g. ENV gives key, value, "=" triples.
  /// Empty `range` for synthetic values ("=" of a legacy pair is absent from the source).
  std::vector<Word> args;
  ArgForm form = ArgForm::none;
  /// The argument text after flags, as BuildKit's line parsers receive it (continuations
  /// joined); `args_range` is its source range. For shell-form RUN/CMD/ENTRYPOINT this is the
  /// command string.
  Word args_text;
  /// Maps offsets in `args_text.value` to source offsets, through line continuations: what a
  /// shell parser needs to locate each word of a RUN command exactly.
  SourceMap args_map;
  std::vector<KeyValue> pairs;        ///< ENV, LABEL, ARG
  std::vector<Heredoc> heredocs;      ///< RUN, COPY, ADD (also inside ONBUILD)
  std::unique_ptr<Instruction> inner; ///< ONBUILD's instruction
  std::vector<TextRange> continuations;  ///< each escape-newline, escape through line ending
  std::vector<TextRange> empty_continuation_lines;  ///< blank lines inside the continuation
  std::vector<std::string> prev_comment;  ///< comment lines right above (BuildKit PrevComment)

  // FROM
  std::optional<Word> from_image;  ///< the image reference as written (may contain $VARs)
  std::optional<Word> from_as;     ///< the `AS` keyword, any case
  std::optional<Word> from_name;   ///< the stage name
  // HEALTHCHECK: `CMD` or `NONE` (any case) as written; the command follows in args.
  std::optional<Word> healthcheck_type;

  /// Flag by name (without "--"), the last one when repeated; nullptr if absent.
  const Flag* flag(std::string_view name) const;
  bool is(InstrKind k) const { return kind == k; }
};

/// A whole Dockerfile.
struct Dockerfile {
  std::vector<Directive> directives;
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;  ///< every comment line that is not a directive
  char escape = '\\';             ///< '\\' or '`' (from `# escape=`)
  bool has_bom = false;
  bool crlf = false;  ///< the first line ending is CRLF

  const Directive* directive(std::string_view name) const;
};

}  // namespace dfopt::ast
