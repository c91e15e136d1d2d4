// `dfopt format [--check] [--diff] [PATHS...|-]`: rewrites Dockerfiles in the canonical layout
// (docs/format.md). Files are written atomically and only when they change; `-` formats standard
// input to standard output.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "atomic_write.h"
#include "commands.h"
#include "dfopt/diff.h"
#include "dfopt/format.h"
#include "dfopt/parse.h"
#include "dfopt/report.h"
#include "discovery.h"
#include "input.h"

namespace dfopt::cli {
namespace {

struct FormatCli {
  std::vector<std::string> paths;
  bool check = false;
  bool diff = false;
  uint32_t indent = 4;
  std::string keyword_case = "upper";
};

int run_format(const FormatCli& o) {
  FormatOptions options;
  options.indent = o.indent;
  options.keyword_case = o.keyword_case == "lower"      ? KeywordCase::lower
                         : o.keyword_case == "preserve" ? KeywordCase::preserve
                                                        : KeywordCase::upper;
  std::vector<Error> errors;
  const std::vector<std::string> files =
      discover(o.paths.empty() ? std::vector<std::string>{"."} : o.paths, errors);
  bool failed = false;
  for (const Error& e : errors) {
    std::fputs((format_cli_error(e) + "\n").c_str(), stderr);
    failed = true;
  }
  DiffOptions diff_options;
  diff_options.color = use_color(1);
  size_t changed = 0, unchanged = 0, skipped = 0;
  for (const std::string& path : files) {
    const bool is_stdin = path == "-";
    Expected<SourceFile> source = read_input(path, ParseOptions{}.max_bytes);
    if (!source) {
      std::fputs((format_cli_error(source.error()) + "\n").c_str(), stderr);
      failed = true;
      continue;
    }
    const std::string& name = is_stdin ? std::string(stdin_name) : path;
    const FormatResult r = format_source(*source, options);
    if (r.error) {
      std::fprintf(stderr, "dfopt: error: %s:%s (not formatted)\n", name.c_str(), r.error->c_str());
      ++skipped;
      failed = true;
    }
    if (!r.changed) {
      ++unchanged;
      if (is_stdin && !o.check && !o.diff) std::fwrite(r.text.data(), 1, r.text.size(), stdout);
      continue;
    }
    ++changed;
    if (o.diff) {
      const std::string d = unified_diff(source->text(), r.text, name, diff_options);
      std::fwrite(d.data(), 1, d.size(), stdout);
    } else if (o.check) {
      std::printf("would reformat %s\n", name.c_str());
    } else if (is_stdin) {
      std::fwrite(r.text.data(), 1, r.text.size(), stdout);
    } else if (auto err = replace_file(path, source->text(), r.text)) {
      std::fputs((format_cli_error(*err) + "\n").c_str(), stderr);
      failed = true;
      --changed;
    }
  }
  // A summary on stderr, as ruff prints it; standard output may carry the formatted text.
  const bool quiet = files.size() == 1 && files.front() == "-";
  if (!quiet) {
    std::string summary;
    auto part = [&](size_t n, const char* what) {
      if (n == 0) return;
      if (!summary.empty()) summary += ", ";
      summary += std::to_string(n) + (n == 1 ? " file " : " files ") + what;
    };
    part(changed, o.check || o.diff ? "would be reformatted" : "reformatted");
    part(unchanged - skipped, "left unchanged");
    part(skipped, "not parsed");
    if (!summary.empty()) std::fprintf(stderr, "%s\n", summary.c_str());
  }
  if (failed) return exit_error;
  return (o.check || o.diff) && changed > 0 ? exit_findings : exit_ok;
}

}  // namespace

Command add_format_command(CLI::App& parent) {
  auto o = std::make_shared<FormatCli>();
  CLI::App* app = parent.add_subcommand("format", "Rewrite Dockerfiles in the canonical layout");
  app->add_option("paths", o->paths, "Files or directories to format; '-' for standard input")
      ->type_name("PATHS...");
  app->add_flag("--check", o->check,
                "Write nothing; list the files that would change and exit 1 if any");
  app->add_flag("--diff", o->diff,
                "Write nothing; print a unified diff and exit 1 if a file would change");
  app->add_option("--indent", o->indent, "Spaces before each continuation line")
      ->check(CLI::Range(0, 16))
      ->default_val(4);
  app->add_option("--keyword-case", o->keyword_case, "Case of instruction keywords")
      ->check(CLI::IsMember({"upper", "lower", "preserve"}))
      ->default_val("upper");
  return Command{app, [o] { return run_format(*o); }};
}

}  // namespace dfopt::cli
