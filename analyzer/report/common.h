#pragma once

// Helpers shared by the report emitters (analyzer/report/*.cpp). Private to libdfopt.

#include <array>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dfopt/report.h"

namespace dfopt::detail {

/// The code under which FileReport::error is shown (it has no Diagnostic). Engine codes such as
/// kInternalErrorCode come from dfopt/engine.h.
inline constexpr std::string_view kIoErrorCode = "io-error";

inline bool is_internal_error(const Diagnostic& d) { return d.code == kInternalErrorCode; }

/// A located range: 1-based lines, 1-based columns in UTF-16 code units, end exclusive.
struct Span {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t end_line = 1;
  uint32_t end_column = 1;
};
/// Locates `range` (clamped to the text) in `source`.
Span locate(const SourceFile& source, TextRange range);

/// Rule metadata for diagnostic codes: the rules that ran first, then the whole registry. A code
/// is a rule ID, or a rule name where the parser reports under the name (`syntax-error`).
class RuleTable {
 public:
  explicit RuleTable(std::span<const Rule* const> ran);
  /// The rule whose ID or name is `code`, or nullptr (internal-error, unknown codes).
  const RuleInfo* find(std::string_view code) const;
  /// The rule's ID, or `code` itself when it is not a rule.
  std::string_view id(std::string_view code) const;
  /// The rule's name, or `code` itself when it is not a rule.
  std::string_view name(std::string_view code) const;

 private:
  std::unordered_map<std::string_view, const RuleInfo*> by_key_;  ///< IDs and names of `ran`
};

/// Totals over a run. `problems` counts every diagnostic except internal errors.
struct Counts {
  size_t files = 0;
  size_t problems = 0;
  std::array<size_t, 4> by_severity{};  ///< indexed by Severity
  size_t fixable = 0;         ///< problems with a safe fix that has edits (`--fix` applies it)
  size_t unsafe_fixable = 0;  ///< problems with an unsafe fix that has edits (`--unsafe-fixes`)
  size_t unreadable = 0;      ///< files with FileReport::error
  size_t internal_errors = 0;
};
Counts count(std::span<const FileReport> files);

std::string_view to_string(Applicability a);
std::string_view to_string(ErrorKind k);
/// True for a fix that changes something (fixes without edits are hints only).
inline bool has_edits(const std::optional<Fix>& fix) { return fix && !fix->edits.empty(); }

/// A finding's identity across unrelated edits: a hash of its rule ID and the whitespace-
/// normalized text of the line(s) it flags, plus the 1-based occurrence of that same rule and
/// text in the file. Moving the finding (a line inserted above) changes neither.
struct Fingerprint {
  uint64_t hash = 0;
  uint32_t occurrence = 0;
};
/// Fingerprints parallel to `file.diagnostics` (internal errors get {0, 0}); codes are hashed as
/// rules.id(code).
std::vector<Fingerprint> fingerprints(const FileReport& file, const RuleTable& rules);

inline constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ull;
/// 64-bit FNV-1a of `data`, continuing from `hash` (chain calls to hash several pieces).
uint64_t fnv1a64(std::string_view data, uint64_t hash = kFnvOffsetBasis);

/// Decodes the code point at `s[i]` and advances `i`; an invalid or truncated sequence (overlong,
/// surrogate, above U+10FFFF) yields U+FFFD and advances one byte.
char32_t decode_utf8(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t c);
/// `s` with invalid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view s);
/// `s` as XML 1.0 character data, usable in attributes too: markup characters escaped, tab, CR
/// and LF as character references, and characters XML cannot carry replaced by U+FFFD.
std::string xml_escape(std::string_view s);

/// Pretty-printed (2 spaces) JSON ending in "\n"; invalid UTF-8 in strings becomes U+FFFD.
std::string dump_json(const nlohmann::ordered_json& value);

/// The absolute, normalized base directory of `options` (the current directory when empty).
std::filesystem::path base_directory(const RenderOptions& options);
/// `path` (absolute, or relative to the current directory) relative to `base`, with '/'
/// separators; std::nullopt when it lies outside `base`.
std::optional<std::string> relative_to(std::string_view path, const std::filesystem::path& base);
/// The path to show where a repository-relative path is wanted (GitHub, GitLab): relative to
/// the base directory when inside it, else as given.
std::string repo_path(std::string_view path, const std::filesystem::path& base);
/// `path` percent-encoded as a URI path (RFC 3986 unreserved characters, sub-delimiters other
/// than ':' (a first segment with ':' would read as a scheme), '@' and '/' kept).
std::string uri_encode_path(std::string_view path);
/// `file://` URI of an absolute path; `directory` adds the trailing '/' SARIF wants for bases.
std::string file_uri(const std::filesystem::path& absolute, bool directory);

/// The tool version to report: options.tool_version, else the built version.
std::string tool_version(const RenderOptions& options);

// The emitters, one per file.
std::string render_text(std::span<const FileReport> files, const RenderOptions& options);
std::string render_json(std::span<const FileReport> files, const RenderOptions& options);
std::string render_sarif(std::span<const FileReport> files, const RenderOptions& options);
std::string render_checkstyle(std::span<const FileReport> files, const RenderOptions& options);
std::string render_gitlab(std::span<const FileReport> files, const RenderOptions& options);
std::string render_github(std::span<const FileReport> files, const RenderOptions& options);
std::string render_junit(std::span<const FileReport> files, const RenderOptions& options);

}  // namespace dfopt::detail
