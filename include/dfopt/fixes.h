#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/engine.h"
#include "dfopt/parse.h"
#include "dfopt/source.h"

/// Applying fixes: one pass over a text (apply_fixes), the whole loop over a file with its
/// safety checks (fix_file), and `# dfopt ignore=` pragmas for what remains (add_ignores). Used
/// by `dfopt check --fix/--diff/--add-ignore` and meant for the language server's code actions.
namespace dfopt {

// ---------------------------------------------------------------------------------------------
// One pass

/// Whether `fix` would be applied: it has edits and is safe, or unsafe while `unsafe` is set.
/// Display-only fixes never are.
bool is_applicable(const Fix& fix, bool unsafe);

/// The fixes of `diagnostics` one pass applies, as indexes into `diagnostics`, in the order of
/// their first edit. A fix is skipped whole when one of its edits lies outside [0, text_size],
/// when its own edits overlap, or when an edit overlaps (or inserts at the same offset as) an
/// edit of a fix chosen before it, so that a pass never produces a mix of two fixes. O(E log E)
/// for E edits.
std::vector<size_t> select_fixes(std::span<const Diagnostic> diagnostics, bool unsafe,
                                 size_t text_size);

/// Applies the fixes select_fixes() chooses to `text` (the text the diagnostics were computed
/// on). Callers re-lint and call again to reach a fixpoint; fix_file does that.
std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics,
                        bool unsafe);

/// The number of fixes apply_fixes would apply (same rules), for reports.
size_t count_applicable_fixes(const std::vector<Diagnostic>& diagnostics, bool unsafe);

// ---------------------------------------------------------------------------------------------
// Fixing a file

struct FixOptions {
  bool unsafe = false;  ///< apply unsafe fixes too (`--unsafe-fixes`)
  /// Lint-and-apply rounds before giving up; fixes that overlap one applied in a round get their
  /// turn in the next one.
  unsigned max_passes = 10;
  /// Then insert `# dfopt ignore=` pragmas for the findings that remain (`--add-ignore`).
  bool add_ignore = false;
  /// Apply fixes at all (false with `--add-ignore` alone).
  bool apply = true;
};

/// A fix that was applied. `range` is the range of the finding it fixed, in the original text
/// (a finding of a later pass is mapped back through the edits before it).
struct AppliedFix {
  std::string code;  ///< rule ID
  std::string title;
  Applicability applicability = Applicability::safe;
  TextRange range;
};

/// A fix that was left out because the file would have been worse with it.
struct WithheldFix {
  std::string code;
  std::string title;
  TextRange range;     ///< of its finding, in the original text
  std::string reason;  ///< lowercase, e.g. "it would introduce DF703 (...) on line 4"
  /// The fix made the file unparseable: a bug in the rule, reported as an internal error.
  bool breaks_parse = false;
};

/// Why fix_file left a file alone.
enum class FixSkip : uint8_t {
  none,
  syntax_errors,     ///< the file does not parse; fixes are not applied to a broken file (ruff)
  pragmas_disabled,  ///< --add-ignore while pragmas are not honoured (`honour-pragmas: false`)
  pragmas_flagged,   ///< --add-ignore while inline-ignore-pragma would flag every pragma added
  pragmas_break,     ///< the pragmas made the file unparseable (a bug); they were not added
};

/// A short lowercase explanation of `skip`, e.g. "the file has syntax errors".
std::string_view to_string(FixSkip skip);

/// What fix_file did to one file.
struct FixResult {
  /// The final state: `report.source` holds the new text (the original when nothing changed)
  /// and `report.diagnostics` the findings that remain in it.
  FileReport report;
  std::string original;  ///< the text as it was given
  std::vector<AppliedFix> applied;
  std::vector<WithheldFix> withheld;
  /// Why fixing or adding pragmas was skipped for this file.
  FixSkip skipped = FixSkip::none;
  /// False when fixes still changed the text after `max_passes` rounds (a bug: two fixes undo
  /// each other). The text of the last round is kept; every round was checked.
  bool converged = true;
  unsigned passes = 0;  ///< rounds that changed the text
  // --add-ignore
  size_t ignores_added = 0;   ///< pragma lines inserted
  size_t ignores_merged = 0;  ///< existing `# dfopt ignore=` lines extended
  size_t unsuppressible = 0;  ///< findings no pragma above an instruction can cover

  bool changed() const { return report.source.text() != original; }
};

/// Lints one text: check_file with fixed settings, or a stand-in in tests.
using LintFunction = std::function<FileReport(SourceFile)>;

/// Fixes `source`: lints it, applies the applicable fixes in non-overlapping rounds (re-linting
/// after each) until nothing changes or `options.max_passes` is reached, then checks the result.
/// Guarantees, for the text it returns:
/// - every byte no fix meant to change is kept (line endings, BOM, comments, layout, a missing
///   final newline): edits are applied to the original bytes, nothing is re-printed;
/// - it parses: a round whose result has a syntax error is undone and its fixes are retried one
///   at a time; one that breaks the parse alone is withheld (`breaks_parse`);
/// - it has no finding the original did not have, compared by rule and instruction (positions
///   are mapped back through the edits, so findings that merely moved still match); fixes of
///   the instruction a new finding lands on are withheld and the whole run is redone without
///   them (at most a few times; then every fix is withheld).
/// A file with syntax errors is not fixed (FixResult::skipped). Never throws.
FixResult fix_file(SourceFile source, const Settings& settings, Parser& parser,
                   const FixOptions& options);

/// fix_file with the linter given: `lint` must return the findings of its text, syntax errors
/// under kSyntaxErrorId. `settings` only serves add_ignore (pragmas honoured, rules selected).
FixResult fix_file_with(SourceFile source, const LintFunction& lint, const Settings& settings,
                        Parser& parser, const FixOptions& options);

// ---------------------------------------------------------------------------------------------
// Ignore pragmas

struct AddIgnoreResult {
  std::string text;   ///< the new text (equal to the input when nothing was added)
  size_t added = 0;   ///< pragma lines inserted
  size_t merged = 0;  ///< existing `# dfopt ignore=` lines extended
  /// Findings no `# dfopt ignore=` line can cover: syntax errors (DF901 is never suppressed:
  /// the file would not build), findings outside every instruction (on a parser directive,
  /// say) and engine codes that are not rules.
  std::vector<const Diagnostic*> unsuppressible;
};

/// Inserts `# dfopt ignore=ID[,ID]` above each instruction of `ast` that `diagnostics` (findings
/// of `source`) flag, listing their rule IDs sorted. The line gets the instruction's indentation
/// and the file's line ending; it is merged into an existing `# dfopt ignore=` line between the
/// previous instruction and this one instead of stacking a second one, and goes above a
/// `# hadolint` pragma right above the instruction (hadolint reads only the line above). When
/// `keep_descriptions` (BuildKit's InvalidDefinitionDescription check is on), the line goes
/// above the comments right above a FROM or ARG, and an empty `#` line keeps it from reading
/// as the instruction's description when there were none.
AddIgnoreResult add_ignores(const SourceFile& source, const ast::Dockerfile& ast,
                            std::span<const Diagnostic> diagnostics, bool keep_descriptions);

}  // namespace dfopt
