#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "workers.h"

namespace CLI {
class App;
}

/// `dfopt check --fix/--unsafe-fixes/--diff/--show-fixes/--add-ignore`: what happens between
/// fixing the files (run_fix_jobs) and rendering the reports of what remains.
namespace dfopt::cli {

struct FixCli {
  bool fix = false;
  bool unsafe = false;
  bool diff = false;
  bool show_fixes = false;
  bool add_ignore = false;

  /// Whether files go through fix_file instead of check_file.
  bool active() const { return fix || diff || add_ignore; }
  FixOptions options() const;
};

/// Registers the options on `check`.
void add_fix_options(CLI::App& app, FixCli& o);

/// What finish_fixes did, for the exit status and the reports.
struct FixRun {
  size_t fixed = 0;          ///< fixes applied (or, with --diff, that would be)
  size_t changed_files = 0;  ///< files written (or, with --diff, that would change)
  bool failed = false;       ///< a write failed or a fix broke the parse: exit status 2
  /// Standard output carries the fixed standard input or the diffs: reports go to stderr.
  bool stdout_taken = false;
};

/// Writes the changed files (atomically, only when changed), or prints their diffs (--diff), or
/// the fixed standard input; prints --show-fixes and warnings about fixes left out. Moves each
/// result's remaining report into `reports`. `is_stdin[i]` tells whether result i was read from
/// standard input.
FixRun finish_fixes(const FixCli& cli, std::vector<FixResult>& results,
                    const std::vector<bool>& is_stdin, bool no_color,
                    std::vector<FileReport>& reports);

/// The exit status of a fixing run: with --diff, 1 when a file would change (2 on errors);
/// otherwise `status` (the findings that remain decide, as in ruff), raised to 2 on failures.
int fix_exit_status(const FixCli& cli, const FixRun& run, int status);

}  // namespace dfopt::cli
