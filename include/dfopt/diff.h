#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dfopt/fix.h"

/// Line diffs between two versions of a file: a unified diff for `--diff`, and minimal edits for
/// front ends that send changes rather than whole texts (the language server's "fix all").
namespace dfopt {

struct DiffOptions {
  unsigned context = 3;  ///< unchanged lines around each change
  bool color = false;    ///< ANSI colours (decide with use_color(); never with NO_COLOR)
};

/// A unified diff from `before` to `after` (`diff -u` and `git diff` format): `--- a/<path>` and
/// `+++ b/<path>` headers (a leading "./" or "/" of `path` dropped, as git does), `@@` hunks
/// with `options.context` lines of context, and `\ No newline at end of file` after a last
/// line without one. Lines are compared with their line endings, so a CRLF to LF change shows.
/// Empty when the texts are equal. Myers' O((N+M)D) algorithm in its linear-space form.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view path,
                         const DiffOptions& options = {});

/// Edits on `before` that turn it into `after`, one per run of changed lines: each replaces
/// whole lines of `before` (or inserts at a line start) with whole lines of `after`. Sorted and
/// disjoint; empty when the texts are equal.
std::vector<Edit> line_edits(std::string_view before, std::string_view after);

}  // namespace dfopt
