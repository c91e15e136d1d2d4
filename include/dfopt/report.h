#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dfopt/engine.h"
#include "dfopt/rule.h"

/// Report emitters: turn the findings of a run into text for people, CI systems and code
/// scanning. Every format reads the same FileReports and rule metadata; docs/output-formats.md
/// documents each one (the JSON shape is a stable contract).
///
/// Positions in every format are 1-based lines and 1-based columns counted in UTF-16 code units
/// (SARIF's default, and what editors and GitHub use); an end column points one past the last
/// character.
namespace dfopt {

/// The project's web site and the base of its per-rule documentation pages. The only place
/// these URLs are spelled.
inline constexpr std::string_view kProjectUrl = "https://dfopt.dev";
inline constexpr std::string_view kRuleDocsBaseUrl = "https://dfopt.dev/rules/";

/// The documentation page of a rule: kRuleDocsBaseUrl followed by its name.
std::string rule_docs_url(const RuleInfo& rule);

enum class Format : uint8_t { text, json, sarif, checkstyle, gitlab, github, junit };

/// The format called `name` ("text", "json", "sarif", "checkstyle", "gitlab", "github",
/// "junit"); std::nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format f);
/// Every format name, in the order of the enum (for help texts and "did you mean").
std::span<const std::string_view> format_names();

/// How to render. Nothing here is owned; the spans must outlive the call.
struct RenderOptions {
  /// ANSI colours in `text` (ignored by the other formats). Decide with use_color().
  bool color = false;
  /// The rules that ran, even those that found nothing: SARIF lists them all in
  /// `tool.driver.rules`. Rule metadata for a diagnostic comes from here first, then from
  /// find_rule(); codes that are not rules (`syntax-error`) get a generated description.
  std::span<const Rule* const> rules;
  /// The tool version for SARIF's `driver.version`; empty means the version dfopt was built as.
  std::string tool_version;
  /// The directory that relative locations are relative to: SARIF's `%SRCROOT%` (given in
  /// `originalUriBaseIds` as an absolute file URI), GitLab's and GitHub's repository-relative
  /// paths. Empty means the current directory. Files outside it are reported by absolute path.
  std::string base_dir;
  /// `text`: print the source line with a caret under each finding.
  bool show_source = true;
  /// Findings fixed before these reports were made (`--fix`): the `text` summary then reads
  /// "Found N problems (F fixed, R remaining)" and `json`'s summary has `fixed`.
  std::optional<size_t> fixed;
};

/// Renders `files` (in the order given) as `format`. The result ends with a newline, except
/// `github` with nothing to report, which is empty. Never throws for any input: invalid UTF-8 in
/// the source or messages is replaced by U+FFFD where the format requires valid text.
///
/// `internal-error` diagnostics and FileReport::error are not findings: `sarif` reports them as
/// tool execution notifications, `gitlab` leaves them out (they have no place in a code quality
/// report), and the other formats show them like any other diagnostic so that people see the
/// results are incomplete.
std::string render(Format format, std::span<const FileReport> files, const RenderOptions& options);

/// Whether output written to file descriptor `fd` should be coloured: `fd` is a terminal and
/// NO_COLOR is unset or empty (https://no-color.org).
bool use_color(int fd);

}  // namespace dfopt
