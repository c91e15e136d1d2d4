#pragma once

#include <string>
#include <string_view>

#include "dfopt/ast.h"
#include "dfopt/source.h"

/// Text dumps of a parsed Dockerfile: BuildKit's s-expression dump, for conformance with its
/// parser tests, and a JSON view of the whole AST for tools and debugging (`dfopt parse`).
namespace dfopt {

/// Quotes `s` exactly as Go's strconv.Quote does: `"` and `\` escaped, the short escapes
/// `\a \b \f \n \r \t \v`, `\xNN` for invalid UTF-8 bytes and other code points below U+0080
/// that are not printable, `\uNNNN` / `\UNNNNNNNN` for other non-printable code points, and
/// printable Unicode (Go's unicode.IsPrint, Unicode 15.0.0) kept as raw UTF-8.
std::string go_quote(std::string_view s);

/// The AST in BuildKit's `Node.Dump()` format followed by one "\n", i.e. byte for byte the
/// `result` files of BuildKit's parser tests: one `(keyword ["flags"] "arg"...)` line per
/// instruction, keywords lower-cased, ONBUILD nested as `(onbuild (run "x"))`, heredoc bodies
/// omitted. An AST with no instructions gives "\n".
std::string dump_buildkit(const ast::Dockerfile& dockerfile);

/// The whole AST as a pretty-printed JSON object ending in "\n"; `file` must be the source the
/// AST was parsed from (it resolves ranges to lines and columns). Key names are stable and
/// documented in docs/ast-json.md. Invalid UTF-8 in values is replaced by U+FFFD (the byte
/// ranges still locate the original bytes).
std::string dump_json(const ast::Dockerfile& dockerfile, const SourceFile& file);

}  // namespace dfopt
