#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dfopt/diagnostic.h"
#include "dfopt/expected.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"
#include "dfopt/shellcheck.h"
#include "dfopt/source.h"

namespace dfopt {

/// Runs `rules` over one file in a single pass over its instructions: each instruction goes to
/// the rules subscribed to its kind (and ONBUILD's inner instruction to those that want it),
/// then every rule's finish(). Diagnostics carry the rule ID as `code` and its default severity,
/// in source order. A rule that throws costs one `internal-error` diagnostic naming it; the other
/// rules still run. Thread-safe: rules are immutable, state is per call.
std::vector<Diagnostic> run_rules(std::span<const Rule* const> rules, const FileContext& file);

// ---------------------------------------------------------------------------------------------
// Rule selection (ruff's semantics)

/// The diagnostic code the engine itself emits when a rule or the parser fails (not a rule, so
/// never deselected).
inline constexpr std::string_view kInternalErrorCode = "internal-error";  ///< error
/// The rule parser syntax errors are reported under (rules/syntax/syntax_error.cpp).
inline constexpr std::string_view kSyntaxErrorId = "DF901";
/// The rules the engine reports pragma problems under while it reads suppressions: unknown rule
/// names (rules/syntax/unknown_rule.cpp) and malformed pragmas (rules/syntax/invalid_pragma.cpp).
/// Being rules, they can be deselected, ignored and re-graded like any other.
inline constexpr std::string_view kUnknownRuleId = "DF903";
inline constexpr std::string_view kInvalidPragmaId = "DF904";
/// The codes of those diagnostics (their rule IDs; they were engine codes before).
inline constexpr std::string_view kUnknownRuleCode = kUnknownRuleId;
inline constexpr std::string_view kInvalidPragmaCode = kInvalidPragmaId;

/// A set of rules: one bit per entry of all_rules().
class RuleSet {
 public:
  RuleSet();  ///< empty
  static RuleSet all();
  /// Rules with `enabled_by_default` (ruff's default selection).
  static RuleSet defaults();

  bool contains(const Rule& rule) const;
  void insert(const Rule& rule);
  void erase(const Rule& rule);
  size_t size() const;
  /// The rules in the set, in all_rules() order (sorted by ID).
  std::vector<const Rule*> rules() const;
  friend bool operator==(const RuleSet&, const RuleSet&) = default;

 private:
  std::vector<bool> bits_;
};

/// Position of `rule` in all_rules().
size_t rule_index(const Rule& rule);

/// One layer of rule selection, e.g. a config file or the command line. Layers apply in order:
/// `select` (when present) replaces the set built so far, `extend_select` adds and `ignore`
/// removes. Inside a layer, keys apply from the least to the most specific (ALL, then
/// categories, then single rules), and at equal specificity `ignore` wins, so that
/// `select = [ALL], ignore = [style]` and `select = [style], ignore = [DF701]` both do the obvious.
struct RuleSelection {
  std::optional<std::vector<std::string>> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  /// `--shellcheck` / `shellcheck: true`: run ShellCheck (see select_shellcheck).
  bool shellcheck = false;
};

/// The rules a selection key names: a rule ID ("DF701"), name ("maintainer-instruction"),
/// alias ("DL4000", "MaintainerDeprecated"), category ("style") or "ALL". IDs, aliases and
/// "ALL" match in any case. ShellCheck keys (`SC2086`, `shellcheck`) are valid and name no rule
/// (select_shellcheck reads them). Unknown keys give a usage Error with a "did you mean" hint.
Expected<std::vector<const Rule*>> resolve_rule_key(std::string_view key);
/// resolve_rule_key without the error: std::nullopt for an unknown key, and no "did you mean"
/// search (a pass over every rule name) for callers that do not report it.
std::optional<std::vector<const Rule*>> find_rules(std::string_view key);

/// The closest ID, name, alias or category to `key` by edit distance, or "" if none is close.
std::string suggest_rule_key(std::string_view key);

/// Applies `layers` to the default set. Unknown keys are an Error when `warnings` is null;
/// otherwise each one is appended there (kind config) and skipped.
Expected<RuleSet> select_rules(std::span<const RuleSelection> layers,
                               std::vector<Error>* warnings = nullptr);

/// A set of ShellCheck codes (dfopt/shellcheck.h): every code but some, or only some.
class ShellcheckCodes {
 public:
  ShellcheckCodes() = default;  ///< empty
  static ShellcheckCodes all();
  void insert(uint32_t code);  ///< 0 inserts every code
  void erase(uint32_t code);   ///< 0 erases every code
  bool contains(uint32_t code) const;
  bool empty() const;
  explicit operator bool() const { return !empty(); }
  friend bool operator==(const ShellcheckCodes&, const ShellcheckCodes&) = default;

 private:
  bool all_ = false;
  std::vector<uint32_t> codes_;  ///< sorted: the codes left out when all_, else those in
};

/// A ShellCheck selection key: `SC2086` (any case) gives 2086, `shellcheck` gives 0 (every
/// code); std::nullopt for anything else.
std::optional<uint32_t> parse_shellcheck_key(std::string_view key);

/// The ShellCheck codes `layers` select. Every code when a layer turns ShellCheck on
/// (RuleSelection::shellcheck), none otherwise; then each layer applies its ShellCheck keys as
/// select_rules does (`shellcheck` as specific as a category, a code as a rule), except that a
/// `select` naming no ShellCheck key leaves the codes alone: `--select DF701 --shellcheck`
/// keeps ShellCheck on. `ALL` and categories name dfopt's rules only, so ShellCheck runs only
/// when asked for.
ShellcheckCodes select_shellcheck(std::span<const RuleSelection> layers);

// ---------------------------------------------------------------------------------------------
// Checking one file

/// `per-file-ignores`: rules ignored in the files a glob matches.
struct PerFileIgnore {
  std::string pattern;  ///< glob (glob.h) against the path relative to `Settings::root`, or
                        ///< against the file name when it has no '/'
  std::vector<const Rule*> rules;
  std::vector<uint32_t> shellcheck;  ///< ShellCheck codes (0: every code)
};

/// Everything check_file needs besides the file: the resolved configuration of one config file
/// plus the command line. Immutable while files are checked, so shared by all workers.
struct Settings {
  RuleSet rules = RuleSet::defaults();
  std::vector<std::pair<const Rule*, Severity>> severity;  ///< overrides, the last one wins
  std::vector<PerFileIgnore> per_file_ignores;
  std::string root;  ///< directory `per_file_ignores` patterns are relative to ("" = as given)
  SharedSettings shared;
  OptionValues options;
  bool honour_pragmas = true;  ///< false: `# dfopt ignore`/`# hadolint ignore` are not honoured
  /// The ShellCheck codes reported on RUN scripts (dfopt/shellcheck.h); ShellCheck runs only
  /// when some code is selected. While none is, `SC2086` in pragmas is accepted and does nothing.
  ShellcheckCodes shellcheck;
  /// ShellCheck severity overrides: code (0: every code) and severity, the last one wins.
  std::vector<std::pair<uint32_t, Severity>> shellcheck_severity;
  model::ModelOptions model;
};

/// The result of checking one file. Fixes ride on their diagnostics (`Diagnostic::fix`).
struct FileReport {
  std::string path;  ///< as given (or --stdin-filename)
  SourceFile source;
  /// Parser diagnostics (syntax errors under DF901), rule findings and pragma warnings, after
  /// suppressions and severity overrides, sorted by position then code.
  std::vector<Diagnostic> diagnostics;
  std::optional<Error> error;  ///< set when the file could not be read; then nothing else is
  /// RUN scripts waiting for ShellCheck when Settings::shellcheck selects codes;
  /// shellcheck::check() runs them, adds the findings to `diagnostics` and empties this.
  std::vector<shellcheck::Script> shellcheck;
};

/// Parses `source` with `parser` (reused between calls: one per worker), builds the model, runs
/// the selected rules and applies pragmas (`# dfopt ignore=`, `# dfopt global ignore=`,
/// `# hadolint [global] ignore=`, `# check=skip=...;error=true`), per-file ignores and severity
/// overrides. Never throws.
FileReport check_file(SourceFile source, const Settings& settings, Parser& parser);

/// Called by check_file with the parsed file and its model, after both are built and before the
/// rules run, for front ends that need facts of their own (`dfopt audit`'s image facts) without
/// parsing the file again.
using FileInspector = std::function<void(const FileContext&)>;
/// check_file, calling `inspect` once on the way (not when the file cannot be parsed at all).
FileReport check_file(SourceFile source, const Settings& settings, Parser& parser,
                      const FileInspector& inspect);

/// Whether `severity` is at or above `threshold` (error > warning > info > style).
constexpr bool at_or_above(Severity severity, Severity threshold) {
  return static_cast<int>(severity) <= static_cast<int>(threshold);
}

/// Parses "error", "warning", "info" or "style".
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace dfopt
