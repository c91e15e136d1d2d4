#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/ast.h"
#include "dfopt/diagnostic.h"
#include "dfopt/expected.h"
#include "dfopt/rule.h"
#include "dfopt/source.h"

namespace dfopt {
struct FileReport;  // dfopt/engine.h
struct Settings;    // dfopt/engine.h
}  // namespace dfopt

/// ShellCheck on RUN scripts, as hadolint runs it: every shell-form RUN (heredoc scripts
/// included) and ONBUILD RUN whose shell ShellCheck understands is checked as a script of its
/// own, and ShellCheck's comments become diagnostics coded `SC2086`... located exactly in the
/// Dockerfile, through line continuations and heredocs.
///
/// Checking happens in two steps so that a batch of files shares ShellCheck processes:
/// check_file() leaves each file's scripts in FileReport::shellcheck (prepare()), then check()
/// runs every pending script of a batch of reports, identical scripts once, in a few ShellCheck
/// processes, and adds the findings to their reports. The results do not depend on how the
/// scripts were batched.
namespace dfopt::shellcheck {

/// ShellCheck's wiki, where every code has a page (`https://www.shellcheck.net/wiki/SC2086`).
inline constexpr std::string_view kWikiBaseUrl = "https://www.shellcheck.net/wiki/";

/// Codes ShellCheck reports for things a Dockerfile cannot express, always left out as hadolint
/// does: SC1090/SC1091 (`source` of a file that is not there to follow) and SC2187 (ash is
/// checked as dash).
inline constexpr uint32_t kExcludedCodes[] = {1090, 1091, 2187};

/// Whether `code` is a diagnostic code of ours for a ShellCheck finding: "SC" and four digits.
bool is_code(std::string_view code);
/// The wiki page of a ShellCheck diagnostic code ("SC2086").
std::string wiki_url(std::string_view code);

/// One RUN script prepared for ShellCheck, waiting in FileReport::shellcheck.
struct Script {
  /// ShellCheck's input: a shebang naming the shell, `export NAME=1` for every ARG and ENV in
  /// scope (and the proxy variables BuildKit passes), then the script the shell runs.
  std::string text;
  /// Offsets of `text` to source offsets; the bytes before the script (and the line breaks
  /// BuildKit puts between a command line and its heredocs) have no piece.
  std::vector<ast::SourceMap::Piece> map;
  /// Where a finding with no source position goes: the RUN keyword.
  TextRange anchor;
  /// Codes that pragmas and `per-file-ignores` suppress at this instruction (0: every code).
  std::vector<uint32_t> ignored;
};

/// The scripts of `file` that ShellCheck can check: RUN and ONBUILD RUN in shell form (a lone
/// `RUN <<EOF` heredoc is the script; a heredoc fed to a command is part of it, as BuildKit
/// appends it), run by sh, bash, dash, ash, ksh or another POSIX shell through SHELL, a heredoc
/// shebang or hadolint's `# hadolint shell=` pragma. Exec form, PowerShell, cmd, Windows
/// images without SHELL and shells ShellCheck does not know (zsh) are skipped. In instruction
/// order; `ignored` is left empty.
std::vector<Script> prepare(const FileContext& file);

/// One comment from ShellCheck, positioned in the script text (1-based lines; 1-based columns
/// counting characters, a tab as one; the end is exclusive).
struct Comment {
  uint32_t code = 0;
  Severity severity = Severity::warning;
  std::string message;  ///< as ShellCheck wrote it
  Position begin;
  Position end;
};

/// The diagnostic for `comment` of `script`: code "SC<code>", ShellCheck's severity, its message
/// in dfopt's style (lower-case start, no final period) and the source range the comment's
/// script range maps to (`anchor` when it lies outside the RUN's own text).
Diagnostic to_diagnostic(const Script& script, const Comment& comment);

/// Finds the ShellCheck program: `program` is a path (it contains a '/') or a name looked up in
/// PATH. Returns its absolute path, or an Error saying why it cannot be used (not found, not
/// executable, older than 0.7.0, which added the json1 format read here).
Expected<std::string> find_program(std::string_view program);

/// Runs `program` on `scripts` (complete script texts): `jobs` processes at most at a time, each
/// on a batch of at most `batch_size` scripts (0: split evenly, up to 200 per process), written
/// to files in a private temporary directory that is removed afterwards. Returns the comments of
/// each script, in ShellCheck's order, parallel to `scripts`. A batch that fails (ShellCheck
/// crashed, or wrote no valid output) leaves its scripts without comments and adds a message to
/// `errors`; only when nothing can run at all (no temporary directory) is the result an Error.
Expected<std::vector<std::vector<Comment>>> run(std::span<const std::string_view> scripts,
                                                const std::string& program, unsigned jobs,
                                                size_t batch_size,
                                                std::vector<std::string>* errors);

struct Options {
  std::string program = "shellcheck";  ///< see find_program
  unsigned jobs = 1;                   ///< ShellCheck processes at a time
  size_t batch_size = 0;               ///< scripts per process; 0 picks one (see run)
};

/// What check() did.
struct Outcome {
  size_t scripts = 0;  ///< pending scripts found in the reports
  size_t unique = 0;   ///< distinct scripts, each run once
  /// Set when ShellCheck could not run at all: why (the program is missing...). The pending
  /// scripts are then dropped and the reports carry no ShellCheck findings.
  std::optional<std::string> skipped;
  std::vector<std::string> errors;  ///< failed batches (their scripts have no findings)
};

/// Runs the pending scripts of `reports` and adds ShellCheck's findings to them: each script
/// once however many files hold it, the findings filtered by `settings[i]->shellcheck` and each
/// script's `ignored` codes, re-graded by `settings[i]->shellcheck_severity`, and merged into
/// the diagnostics in check_file's order (position, then code). Empties every
/// FileReport::shellcheck. `settings` is parallel to `reports`.
Outcome check(std::span<FileReport> reports, std::span<const Settings* const> settings,
              const Options& options);

}  // namespace dfopt::shellcheck
