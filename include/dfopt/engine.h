#pragma once

#include <cstdint>
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

/// Diagnostic codes the engine itself emits (not rules, so never deselected).
inline constexpr std::string_view kUnknownRuleCode = "unknown-rule";      ///< warning
inline constexpr std::string_view kInvalidPragmaCode = "invalid-pragma";  ///< warning
inline constexpr std::string_view kInternalErrorCode = "internal-error";  ///< error
/// The rule parser syntax errors are reported under (rules/syntax/syntax_error.cpp).
inline constexpr std::string_view kSyntaxErrorId = "DF901";

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
};

/// The rules a selection key names: a rule ID ("DF701"), name ("maintainer-instruction"),
/// alias ("DL4000", "MaintainerDeprecated"), category ("style") or "ALL". IDs, aliases and
/// "ALL" match in any case. Unknown keys give a usage Error with a "did you mean" hint.
Expected<std::vector<const Rule*>> resolve_rule_key(std::string_view key);

/// The closest ID, name, alias or category to `key` by edit distance, or "" if none is close.
std::string suggest_rule_key(std::string_view key);

/// Applies `layers` to the default set. Unknown keys are an Error when `warnings` is null;
/// otherwise each one is appended there (kind config) and skipped.
Expected<RuleSet> select_rules(std::span<const RuleSelection> layers,
                               std::vector<Error>* warnings = nullptr);

// ---------------------------------------------------------------------------------------------
// Checking one file

/// `per-file-ignores`: rules ignored in the files a glob matches.
struct PerFileIgnore {
  std::string pattern;  ///< glob (glob.h) against the path relative to `Settings::root`, or
                        ///< against the file name when it has no '/'
  std::vector<const Rule*> rules;
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
  /// ShellCheck integration (reserved). While off, `SCxxxx` codes in hadolint pragmas are
  /// ignored silently instead of being reported as unknown rules.
  bool shellcheck = false;
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
};

/// Parses `source` with `parser` (reused between calls: one per worker), builds the model, runs
/// the selected rules and applies pragmas (`# dfopt ignore=`, `# dfopt global ignore=`,
/// `# hadolint [global] ignore=`, `# check=skip=...;error=true`), per-file ignores and severity
/// overrides. Never throws.
FileReport check_file(SourceFile source, const Settings& settings, Parser& parser);

/// Whether `severity` is at or above `threshold` (error > warning > info > style).
constexpr bool at_or_above(Severity severity, Severity threshold) {
  return static_cast<int>(severity) <= static_cast<int>(threshold);
}

/// Parses "error", "warning", "info" or "style".
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace dfopt
