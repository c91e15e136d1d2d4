// `dfopt check --fix/--diff/--add-ignore`: write or show what fix_file produced.
#include "fix_output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <optional>
#include <set>

#include "atomic_write.h"
#include "commands.h"
#include "dfopt/diff.h"
#include "dfopt/report.h"

namespace dfopt::cli {
namespace {

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string rule_name(std::string_view code) {
  const Rule* r = find_rule(code);
  return std::string(r ? r->info().name : code);
}

void print(FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
}

/// Warnings and errors about one file's fixes, compiler-style, to stderr. True when one of them
/// is an internal error (a fix that broke the parse).
bool report_problems(const FixCli& cli, const FixResult& r, const SourceFile& original) {
  bool internal = false;
  std::string out;
  for (const WithheldFix& w : r.withheld) {
    const Position p = original.position(w.range.begin);
    out += fmt::format("{}:{}:{}: {}: fix not applied: {}{} [{}]\n", r.report.path, p.line,
                       p.column, w.breaks_parse ? "error" : "warning", w.reason,
                       w.breaks_parse ? "; please report this bug" : "", rule_name(w.code));
    internal = internal || w.breaks_parse;
  }
  if (!r.converged) {
    out += fmt::format(
        "{}: warning: fixes still changed the file after {} passes; the last result was kept "
        "and fixing it again may change it further; please report this bug\n",
        r.report.path, r.passes);
  }
  if (r.skipped == FixSkip::syntax_errors && (cli.fix || cli.diff || cli.add_ignore)) {
    out += fmt::format("{}: warning: not fixed: {}\n", r.report.path, to_string(r.skipped));
  } else if (r.skipped == FixSkip::pragmas_break) {
    out += fmt::format("{}: error: no pragma added: {}\n", r.report.path, to_string(r.skipped));
    internal = true;
  }
  print(stderr, out);
  return internal;
}

}  // namespace

FixOptions FixCli::options() const {
  FixOptions o;
  o.unsafe = unsafe;
  o.add_ignore = add_ignore;
  // `--diff` previews `--fix`, or `--add-ignore` when that is given alone.
  o.apply = fix || (diff && !add_ignore);
  return o;
}

void add_fix_options(CLI::App& app, FixCli& o) {
  app.add_flag("--fix", o.fix,
               "Apply safe fixes and write the files back (standard input: print the fixed "
               "text); the findings that remain decide the exit status");
  app.add_flag("--unsafe-fixes", o.unsafe,
               "With --fix or --diff, apply unsafe fixes too (they may change what the image "
               "does)");
  app.add_flag("--diff", o.diff,
               "Print a unified diff of what --fix (or --add-ignore) would change instead of "
               "writing; exit status 1 when a file would change");
  app.add_flag("--show-fixes", o.show_fixes,
               "List the fixes applied (with --diff: the fixes that would be)");
  app.add_flag("--add-ignore", o.add_ignore,
               "Add a `# dfopt ignore=` pragma above every instruction that still has findings "
               "(after fixing, with --fix)");
}

FixRun finish_fixes(const FixCli& cli, std::vector<FixResult>& results,
                    const std::vector<bool>& is_stdin, bool no_color,
                    std::vector<FileReport>& reports) {
  FixRun run;
  const bool color = !no_color && use_color(STDOUT_FILENO);
  for (size_t i = 0; i < results.size(); ++i) {
    if (is_stdin[i] && !cli.diff) run.stdout_taken = true;
  }
  run.stdout_taken = run.stdout_taken || cli.diff;

  // Writes first, all together (one flush for the batch); messages follow in file order below.
  std::vector<std::optional<Error>> write_errors(results.size());
  if (!cli.diff) {
    std::vector<size_t> to_write;
    std::vector<Replacement> replacements;
    for (size_t i = 0; i < results.size(); ++i) {
      const FixResult& r = results[i];
      if (is_stdin[i] || r.report.error || !r.changed()) continue;
      to_write.push_back(i);
      replacements.push_back({r.report.path, r.original, r.report.source.text()});
    }
    std::vector<std::optional<Error>> errors = replace_files(replacements);
    for (size_t k = 0; k < to_write.size(); ++k) write_errors[to_write[k]] = std::move(errors[k]);
  }

  std::string shown;  // --show-fixes
  std::set<FixSkip> pragma_skips;
  size_t pragmas = 0, merged = 0, pragma_files = 0, unsuppressible = 0, fixed_files = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    FixResult& r = results[i];
    if (r.report.error) {
      reports.push_back(std::move(r.report));
      continue;
    }
    const SourceFile original(r.report.path, r.original);
    if (report_problems(cli, r, original)) run.failed = true;
    if (r.skipped == FixSkip::pragmas_disabled || r.skipped == FixSkip::pragmas_flagged) {
      pragma_skips.insert(r.skipped);
    }
    const std::string_view text = r.report.source.text();
    bool done = true;  // the new text reached its destination
    if (is_stdin[i] && !cli.diff) {
      print(stdout, std::string(text));
    } else if (r.changed()) {
      if (cli.diff) {
        DiffOptions options;
        options.color = color;
        print(stdout, unified_diff(r.original, text, r.report.path, options));
      } else if (const std::optional<Error>& error = write_errors[i]) {
        std::fprintf(stderr, "dfopt: error: %s\n", error->message.c_str());
        run.failed = true;
        done = false;
      }
    }
    if (done) {
      if (r.changed()) ++run.changed_files;
      if (!r.applied.empty()) ++fixed_files;
      run.fixed += r.applied.size();
      pragmas += r.ignores_added;
      merged += r.ignores_merged;
      if (r.ignores_added + r.ignores_merged > 0) ++pragma_files;
      unsuppressible += r.unsuppressible;
      for (const AppliedFix& a : r.applied) {
        const Position p = original.position(a.range.begin);
        shown += fmt::format("  {}:{}:{}: {}{} [{}]\n", r.report.path, p.line, p.column, a.title,
                             a.applicability == Applicability::unsafe ? " (unsafe fix)" : "",
                             rule_name(a.code));
      }
    }
    reports.push_back(std::move(r.report));
  }
  std::fflush(stdout);

  for (FixSkip s : pragma_skips) {
    std::fprintf(stderr, "dfopt: warning: --add-ignore: %s\n", std::string(to_string(s)).c_str());
  }
  FILE* report_stream = run.stdout_taken ? stderr : stdout;
  if (cli.show_fixes && (cli.fix || cli.diff)) {
    const std::string head = run.fixed == 0
                                 ? (cli.diff ? "No fixes available\n" : "No fixes applied\n")
                                 : fmt::format("{} {}:\n", cli.diff ? "Would fix" : "Fixed",
                                               plural(run.fixed, "problem", "problems"));
    print(report_stream, head + shown);
  }
  if (cli.diff && (cli.fix || !cli.add_ignore)) {
    // --diff prints no report: its summary goes to stderr, as ruff's does.
    size_t unsafe_left = 0;
    for (const FileReport& r : reports) {
      for (const Diagnostic& d : r.diagnostics) {
        if (d.fix && !d.fix->edits.empty() && d.fix->applicability == Applicability::unsafe) {
          ++unsafe_left;
        }
      }
    }
    std::string line =
        run.fixed == 0 ? "No fixes available"
                       : fmt::format("Would fix {} in {}", plural(run.fixed, "problem", "problems"),
                                     plural(fixed_files, "file", "files"));
    if (!cli.unsafe && !cli.add_ignore && unsafe_left > 0) {
      line += fmt::format(" ({} more with --unsafe-fixes)", unsafe_left);
    }
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  if (cli.add_ignore) {
    std::string line =
        fmt::format("{} {}", cli.diff ? "Would add" : "Added",
                    plural(pragmas, "`# dfopt ignore=` pragma", "`# dfopt ignore=` pragmas"));
    if (merged > 0) {
      line += fmt::format(" and {} {}", cli.diff ? "extend" : "extended",
                          plural(merged, "existing one", "existing ones"));
    }
    line += fmt::format(" in {}", plural(pragma_files, "file", "files"));
    if (unsuppressible > 0) {
      line += fmt::format("; {} no pragma can cover (syntax errors, findings outside instructions)",
                          plural(unsuppressible, "finding", "findings"));
    }
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
  return run;
}

int fix_exit_status(const FixCli& cli, const FixRun& run, int status) {
  if (run.failed) return exit_error;
  if (cli.diff) {
    if (status == exit_error) return exit_error;
    return run.changed_files > 0 ? exit_findings : exit_ok;
  }
  return status;
}

}  // namespace dfopt::cli
