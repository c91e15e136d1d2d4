#pragma once

// Helpers shared by the shell parser and the ShellModel: inner scripts (`sh -c`, shell stdin)
// and the composition of offset maps. No ANTLR here.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/shell.h"

namespace dfopt::shell::detail {

/// The last path component: "/usr/bin/bash" gives "bash", "C:\\x\\cmd.exe" gives "cmd.exe".
std::string_view base_name(std::string_view path);

/// sh, bash, dash, ash, zsh, ksh, mksh... (a base name).
bool is_sh_name(std::string_view name);

/// For `sh -c 'script' ...`, `bash -ec "..."`, `su -c "..." user`: the argv index of the script
/// word; npos when `cmd` runs no `-c` script.
uint32_t shell_script_arg(const Command& cmd);

/// `cmd` is a shell that reads its script from stdin: no `-c` and no script file (or `-s`).
bool shell_reads_stdin(const Command& cmd);

/// A word's value with a map back to the text it was read from: what `sh -c` receives.
struct Unquoted {
  std::string text;
  std::vector<ast::SourceMap::Piece> pieces;  ///< text offsets -> offsets in the outer text
  /// Ranges of `text` that the outer shell expands before the inner one runs (command
  /// substitutions in double quotes or unquoted): their commands belong to the outer script.
  std::vector<std::pair<uint32_t, uint32_t>> expanded;
};

/// Removes the quotes of `raw` (the word as written at offset `base` of its text) as the shell
/// does, keeping expansions as written.
Unquoted unquote_word(std::string_view raw, uint32_t base);

/// Decodes the JSON string `raw` (with its quotes, at source offset `base`), mapping each decoded
/// byte back to the source; `value` is the decoded string BuildKit gives.
std::vector<ast::SourceMap::Piece> json_string_pieces(std::string_view raw, uint32_t base,
                                                      std::string_view value);

/// Maps through `inner` (offsets of a derived text -> offsets of the outer text) and then
/// `outer` (outer text -> source).
ast::SourceMap compose(const ast::SourceMap& outer, std::span<const ast::SourceMap::Piece> inner);

/// The map of a text that is contiguous in the source from `source_begin`.
ast::SourceMap identity_map(uint32_t source_begin, uint32_t size);

/// SourceMap::to_source with a memory of the last piece used: words are mapped roughly in text
/// order, so the next lookup usually hits the same piece or the next one instead of searching.
class MapCursor {
 public:
  explicit MapCursor(const ast::SourceMap* map = nullptr) : map_(map) {}
  void reset(const ast::SourceMap* map) {
    map_ = map;
    hint_ = 0;
  }
  uint32_t at(uint32_t offset);
  TextRange range(uint32_t begin, uint32_t end) {
    if (end <= begin) {
      const uint32_t a = at(begin);
      return {a, a};
    }
    const uint32_t b = at(begin);
    return {b, at(end - 1) + 1};
  }

 private:
  const ast::SourceMap* map_;
  size_t hint_ = 0;
};

}  // namespace dfopt::shell::detail
