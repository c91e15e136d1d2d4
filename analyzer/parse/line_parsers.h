#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"

/// BuildKit's instruction-level parsing rules (frontend/dockerfile/parser: split_command.go,
/// line_parsers.go, the heredoc detection of parser.go), applied to a joined logical line.
/// Each result carries the logical offsets it was cut from, so the AST builder can map it back
/// to source bytes. The quirks are deliberate: they are what BuildKit does.
namespace dfopt::detail {

/// A half-open range of offsets into a logical line.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin >= end; }
};

struct SpanValue {
  std::string value;
  Span span;
};

/// Go's unicode.IsSpace.
bool is_go_space(char32_t c);

/// `strings.TrimSpace` of `line[span]`: the span without leading and trailing Unicode spaces.
Span trim_space(std::string_view line, Span span);

/// splitCommand + extractBuilderFlags: keyword, `--flags` and the trimmed argument text.
struct SplitCommand {
  Span keyword;
  std::vector<SpanValue> flags;  ///< processed flag text ("--from=x") and its raw span
  Span args;                     ///< trimmed remainder after the flags
};
SplitCommand split_command(std::string_view line, Span span);

/// parseJSON: a JSON array of strings as Go's json.Decoder reads the first value (text after the
/// closing bracket is ignored).
enum class JsonStatus {
  ok,
  not_json,          ///< not an array, or invalid JSON: BuildKit falls back to other forms
  not_string_array,  ///< a valid array with a non-string element: a parse error
};
JsonStatus parse_json_array(std::string_view line, Span span, std::vector<SpanValue>& out);

/// parseWords (ENV, LABEL, ARG): quote-aware split that keeps quotes and escape tokens.
void parse_words(std::string_view line, Span span, char escape, std::vector<SpanValue>& out);

/// reWhitespace.Split: split on runs of [\t\v\f\r ] (no quote processing).
void split_whitespace(std::string_view line, Span span, std::vector<SpanValue>& out);

/// A heredoc opener found on an instruction line.
struct HeredocOpener {
  std::string name;
  bool expand = true;
  bool chomp = false;
  uint32_t fd = 0;
  Span span;  ///< the `<<WORD` word in the logical line
};

/// heredocsFromLine: the heredocs opened by a RUN/COPY/ADD line, in order. Returns an error
/// message when BuildKit would fail the parse.
std::optional<std::string> heredocs_from_line(std::string_view line,
                                              std::vector<HeredocOpener>& out);

/// What the lexer needs to decide whether a line may open heredocs (canContainHeredoc): the
/// instruction (or ONBUILD's inner instruction) is RUN, COPY or ADD and not in JSON form.
bool can_contain_heredoc(std::string_view line);

}  // namespace dfopt::detail
