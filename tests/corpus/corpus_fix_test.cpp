// The fix engine over the real-world corpus (../shared/corpus/real/files): with every rule and
// unsafe fixes on, each file's fixed text must parse, carry no finding the original did not (per
// rule, counted), and be a fixpoint (fixing it again changes nothing). `--add-ignore` on top
// must leave no suppressible finding and be idempotent too. Prints the totals.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "dfopt/diff.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/parse.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;
using dfopt::test::corpus_files;

std::map<std::string, size_t> per_code(const std::vector<Diagnostic>& d) {
  std::map<std::string, size_t> out;
  for (const Diagnostic& x : d) ++out[x.code];
  return out;
}

bool parses(Parser& parser, std::string_view text) {
  const ParseResult r = parser.parse(SourceFile("Dockerfile", std::string(text)));
  return std::none_of(r.diagnostics.begin(), r.diagnostics.end(),
                      [](const Diagnostic& d) { return d.code == "syntax-error"; });
}

/// Whether every run of lines that differs between `before` and `after` meets (overlaps or
/// touches) the whole lines of some edit of a fix in `diagnostics` (findings on `before`).
bool changes_within_fixes(std::string_view before, std::string_view after,
                          const std::vector<Diagnostic>& diagnostics) {
  auto line_start = [&](uint32_t at) {
    const size_t nl = before.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || nl == std::string_view::npos ? 0u : static_cast<uint32_t>(nl + 1);
  };
  auto line_end = [&](uint32_t at) {
    const size_t nl = before.find('\n', at);
    return nl == std::string_view::npos ? static_cast<uint32_t>(before.size())
                                        : static_cast<uint32_t>(nl + 1);
  };
  std::vector<TextRange> fixed_lines;
  for (const Diagnostic& d : diagnostics) {
    if (!d.fix) continue;
    for (const Edit& e : d.fix->edits) {
      fixed_lines.push_back({line_start(e.range.begin), line_end(e.range.end)});
    }
  }
  for (const Edit& change : line_edits(before, after)) {
    const bool near_a_fix = std::any_of(fixed_lines.begin(), fixed_lines.end(), [&](TextRange f) {
      return change.range.begin <= f.end && f.begin <= change.range.end;
    });
    if (!near_a_fix) return false;
  }
  return true;
}

TEST(Corpus, FixesAreSafeAndIdempotent) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    GTEST_SKIP() << "corpus not found at " << root
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  Settings settings;
  settings.rules = RuleSet::all();
  settings.rules.erase(*find_rule("DF721"));  // inline-ignore-pragma would refuse --add-ignore
  FixOptions fix_options;
  fix_options.unsafe = true;
  FixOptions ignore_options;
  ignore_options.apply = false;
  ignore_options.add_ignore = true;
  Parser parser;

  size_t files = 0, changed = 0, applied = 0, withheld = 0, skipped = 0, pragmas = 0;
  size_t one_round = 0, several_rounds = 0;
  for (const fs::path& path : corpus_files(root)) {
    const std::string rel = path.lexically_relative(root).generic_string();
    const std::string text = read_bytes(path);
    ++files;
    const FixResult once = fix_file(SourceFile(rel, text), settings, parser, fix_options);
    skipped += once.skipped == FixSkip::syntax_errors;
    withheld += once.withheld.size();
    for (const WithheldFix& w : once.withheld) {
      EXPECT_FALSE(w.breaks_parse) << rel << ": the fix of " << w.code << " (" << w.title
                                   << ") breaks the parse: " << w.reason;
    }
    EXPECT_TRUE(once.converged) << rel << ": fixes did not converge";
    if (once.changed()) {
      ++changed;
      applied += once.applied.size();
      const std::string_view fixed = once.report.source.text();
      EXPECT_TRUE(parses(parser, fixed)) << rel << ": the fixed text does not parse";
      // No rule reports more than it did before.
      const FileReport original = check_file(SourceFile(rel, text), settings, parser);
      const auto before = per_code(original.diagnostics);
      // Every line no fix touched is byte-identical: each run of changed lines meets the lines
      // of an edit of a fix offered on the original. Checked for files fixed in one round (the
      // edits of later rounds are on intermediate texts); the others are counted.
      if (once.passes == 1) {
        ++one_round;
        EXPECT_TRUE(changes_within_fixes(text, fixed, original.diagnostics))
            << rel << ": a line no fix touched changed";
      } else {
        ++several_rounds;
      }
      for (const auto& [code, n] : per_code(once.report.diagnostics)) {
        const auto it = before.find(code);
        EXPECT_LE(n, it == before.end() ? 0 : it->second) << rel << ": new " << code << " finding";
      }
      const FixResult twice =
          fix_file(SourceFile(rel, std::string(fixed)), settings, parser, fix_options);
      EXPECT_FALSE(twice.changed()) << rel << ": fixing the fixed text changes it again";
    }
    // Pragmas for what remains: afterwards only unsuppressible findings are left, and a second
    // run adds nothing.
    const FixResult ignored = fix_file(SourceFile(rel, std::string(once.report.source.text())),
                                       settings, parser, ignore_options);
    if (ignored.skipped != FixSkip::none) continue;
    pragmas += ignored.ignores_added + ignored.ignores_merged;
    EXPECT_EQ(ignored.report.diagnostics.size(), ignored.unsuppressible)
        << rel << ": findings remain after --add-ignore";
    const FixResult again = fix_file(SourceFile(rel, std::string(ignored.report.source.text())),
                                     settings, parser, ignore_options);
    EXPECT_FALSE(again.changed()) << rel << ": a second --add-ignore changes the file";
  }
  std::printf(
      "[ corpus  ] %zu files: %zu changed by %zu fixes (all rules, unsafe fixes on), %zu fixes "
      "withheld, %zu files not fixed (syntax errors), %zu pragmas added for the rest; untouched "
      "lines checked byte for byte in the %zu files fixed in one round (%zu took more)\n",
      files, changed, applied, withheld, skipped, pragmas, one_round, several_rounds);
  EXPECT_GT(changed, 0u);
}

}  // namespace
}  // namespace dfopt
