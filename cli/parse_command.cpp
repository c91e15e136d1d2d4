#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "dfopt/dump.h"
#include "dfopt/parse.h"
#include "input.h"

namespace dfopt::cli {
namespace {

struct ParseCommandOptions {
  std::vector<std::string> files;
  std::string format = "buildkit";
};

void write_out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

/// Prints the parser's diagnostics as a compiler would: "path:line:col: severity: message".
/// Returns true when one of them is an error.
bool report_diagnostics(const SourceFile& file, const ParseResult& result) {
  bool has_error = false;
  for (const Diagnostic& d : result.diagnostics) {
    const Position p = file.position(d.range.begin);
    std::fprintf(stderr, "%s:%u:%u: %.*s: %s\n", file.path().c_str(), p.line, p.column,
                 static_cast<int>(to_string(d.severity).size()), to_string(d.severity).data(),
                 d.message.c_str());
    has_error = has_error || d.severity == Severity::error;
  }
  return has_error;
}

int run_parse(const ParseCommandOptions& opts) {
  const ParseOptions parse_options;
  // One parser for every file: it keeps the generated lexer and parser between calls.
  Parser parser(parse_options);
  const bool several = opts.files.size() > 1;
  int status = exit_ok;
  for (const std::string& path : opts.files) {
    Expected<SourceFile> file = read_input(path, parse_options.max_bytes);
    if (!file) {
      std::fprintf(stderr, "%s\n", format_cli_error(file.error()).c_str());
      status = exit_error;
      continue;
    }
    const ParseResult result = parser.parse(*file);
    if (report_diagnostics(*file, result) || !result.ok()) {
      // A broken file's AST is partial; dumping it would look like a successful parse.
      if (status == exit_ok) status = exit_findings;
      continue;
    }
    if (opts.format == "json") {
      // One JSON document per file (each names its "path"); jq reads such a stream as is.
      write_out(dump_json(result.ast, *file));
    } else {
      if (several) write_out("==> " + file->path() + " <==\n");
      write_out(dump_buildkit(result.ast));
    }
  }
  std::fflush(stdout);
  return status;
}

}  // namespace

Command add_parse_command(CLI::App& parent) {
  auto opts = std::make_shared<ParseCommandOptions>();
  CLI::App* app = parent.add_subcommand("parse", "Parse Dockerfiles and print their syntax tree");
  app->footer(
      "Syntax errors go to stderr as 'path:line:column: error: message'.\n"
      "Exit status: 0 if every file parsed, 1 if a file has syntax errors, 2 on usage or I/O "
      "errors.\n");
  app->add_option("FILE", opts->files, "Dockerfiles to parse ('-' reads standard input)")
      ->required()
      ->type_name("");
  app->add_option("--format", opts->format,
                  "buildkit: BuildKit's AST dump (several files get '==> path <==' headers); "
                  "json: the whole AST with byte ranges, one document per file")
      ->check(CLI::IsMember({"buildkit", "json"}))
      ->capture_default_str();
  return Command{app, [opts] { return run_parse(*opts); }};
}

}  // namespace dfopt::cli
