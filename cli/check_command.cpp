// `dfopt check [PATHS...]`: find Dockerfiles, check them in parallel, write one or more reports.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "dfopt/config.h"
#include "dfopt/engine.h"
#include "dfopt/parse.h"
#include "dfopt/report.h"
#include "discovery.h"
#include "fix_output.h"
#include "input.h"
#include "shellcheck_run.h"
#include "workers.h"

namespace dfopt::cli {
namespace {

/// The first argument when `check` was implied (`dfopt WORD`), for a hint if WORD is no path.
std::string implicit_check_word;

struct CheckOptionsCli {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string stdin_filename;
  std::vector<std::string> select, extend_select, ignore;
  CLI::Option* select_option = nullptr;
  std::string fail_level;
  bool statistics = false;
  bool no_color = false;
  std::string config;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  bool show_files = false;
  std::string workers = "auto";
  bool shellcheck = false;
  FixCli fix;
};

/// Where one report goes: a format and a file ("" for standard output).
struct Sink {
  Format format = Format::text;
  std::string file;
};

void print_error(const std::string& message) {
  std::fprintf(stderr, "dfopt: error: %s\n", message.c_str());
}

/// "path:line:col: <level>: message" for config errors and warnings, as a compiler prints.
std::string located(const Error& e, std::string_view level) {
  std::string out;
  if (!e.path.empty()) {
    out += e.path;
    if (e.location) out += fmt::format(":{}:{}", e.location->line, e.location->column);
    out += ": ";
  } else {
    out += "dfopt: ";
  }
  return out + fmt::format("{}: {}", level, e.message);
}

std::optional<Format> format_or_error(const std::string& name) {
  if (auto f = parse_format(name)) return f;
  std::string names;
  for (std::string_view n : format_names()) names += (names.empty() ? "" : ", ") + std::string(n);
  print_error(fmt::format("unknown output format '{}'; expected one of {}", name, names));
  return std::nullopt;
}

/// Pairs `--format FMT[:FILE]` and `--output FILE` into sinks. Each `--output` goes to the last
/// format (counting from the end) that has no file yet, so `--format text --format sarif
/// --output r.sarif` prints text and writes SARIF; alone, `--output FILE` writes text there.
std::optional<std::vector<Sink>> make_sinks(const CheckOptionsCli& o) {
  std::vector<Sink> sinks;
  for (const std::string& spec : o.formats) {
    const size_t colon = spec.find(':');
    auto f = format_or_error(spec.substr(0, colon));
    if (!f) return std::nullopt;
    Sink s{*f, colon == std::string::npos ? "" : spec.substr(colon + 1)};
    if (colon != std::string::npos && s.file.empty()) {
      print_error(fmt::format("empty file name in --format '{}'", spec));
      return std::nullopt;
    }
    sinks.push_back(std::move(s));
  }
  if (sinks.empty()) sinks.push_back({Format::text, ""});
  size_t next = sinks.size();
  for (auto it = o.outputs.rbegin(); it != o.outputs.rend(); ++it) {
    while (next > 0 && !sinks[next - 1].file.empty()) --next;
    if (next == 0) {
      print_error(fmt::format("--output '{}' has no --format left to pair with", *it));
      return std::nullopt;
    }
    sinks[--next].file = *it;
  }
  size_t to_stdout = 0;
  std::set<std::string> files;
  for (const Sink& s : sinks) {
    if (s.file.empty() || s.file == "-") {
      ++to_stdout;
    } else if (!files.insert(s.file).second) {
      print_error(fmt::format("two reports would be written to '{}'", s.file));
      return std::nullopt;
    }
  }
  if (to_stdout > 1) {
    print_error(
        "more than one format would go to standard output; give the others a file with "
        "--output FILE or --format FORMAT:FILE");
    return std::nullopt;
  }
  return sinks;
}

/// Writes `text` to `path` atomically: a temporary file in the same directory, then rename.
bool write_atomically(const std::string& path, const std::string& text) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string tmp = (slash == std::string::npos ? std::string() : dir) + ".dfopt-report-XXXXXX";
  std::vector<char> name(tmp.begin(), tmp.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    print_error(fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
    return false;
  }
  // mkstemp creates 0600; a report is an ordinary file (0666 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::string_view data = text;
  bool ok = true;
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  const int saved = errno;
  if (::close(fd) != 0) ok = false;
  if (!ok || ::rename(name.data(), path.c_str()) != 0) {
    print_error(fmt::format("cannot write '{}': {}", path, std::strerror(ok ? errno : saved)));
    ::unlink(name.data());
    return false;
  }
  return true;
}

std::string statistics(const std::vector<FileReport>& reports) {
  std::map<std::string, size_t> counts;
  std::map<std::string, bool> fixable;
  size_t total = 0, files_with = 0, errors = 0;
  for (const FileReport& r : reports) {
    if (r.error) ++errors;
    if (!r.diagnostics.empty()) ++files_with;
    for (const Diagnostic& d : r.diagnostics) {
      ++counts[d.code];
      ++total;
      if (d.fix && d.fix->applicability != Applicability::display_only) fixable[d.code] = true;
    }
  }
  std::vector<std::pair<std::string, size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [code, n] : rows) {
    const Rule* rule = find_rule(code);
    out += fmt::format("{:>7}  {:<14} {} {}\n", n, code, fixable[code] ? "[*]" : "   ",
                       rule                        ? std::string(rule->info().name)
                       : shellcheck::is_code(code) ? std::string("shellcheck")
                                                   : std::string());
  }
  out += fmt::format("Found {} finding{} in {} of {} file{} checked", total, total == 1 ? "" : "s",
                     files_with, reports.size(), reports.size() == 1 ? "" : "s");
  if (errors) out += fmt::format(" ({} could not be read)", errors);
  out += ".\n";
  return out;
}

int run_check(CheckOptionsCli& o) {
  auto sinks = make_sinks(o);
  if (!sinks) return exit_error;
  if (o.fix.diff && (!o.formats.empty() || !o.outputs.empty() || o.statistics)) {
    print_error(
        "--diff prints a diff instead of a report; drop --format, --output and --statistics");
    return exit_error;
  }

  RuleSelection cli;
  if (o.select_option && o.select_option->count() > 0) cli.select = o.select;
  cli.extend_select = o.extend_select;
  cli.ignore = o.ignore;
  cli.shellcheck = o.shellcheck;
  for (const auto* list : {&o.select, &o.extend_select, &o.ignore}) {
    for (const std::string& key : *list) {
      if (auto r = resolve_rule_key(key); !r) {
        print_error(r.error().message);
        return exit_error;
      }
    }
  }
  std::optional<FailLevel> cli_fail;
  if (!o.fail_level.empty()) cli_fail = parse_fail_level(o.fail_level);

  int status = exit_ok;
  if (o.paths.empty()) o.paths.push_back(o.stdin_filename.empty() ? "." : "-");
  std::vector<Error> errors;
  std::vector<Listing> listings;
  const std::vector<std::string> files = discover(o.paths, errors, &listings);
  for (const Error& e : errors) {
    // `dfopt lint` is more likely a mistyped command than a missing file.
    if (!implicit_check_word.empty() && e.path == implicit_check_word) {
      print_error(e.message +
                  "; it is not a command either (commands: parse, check, rules, "
                  "explain)");
      continue;
    }
    print_error(e.message);
  }
  if (!errors.empty()) status = exit_error;
  if (files.empty() && errors.empty()) {
    std::fprintf(stderr, "dfopt: warning: no Dockerfiles found under the given paths\n");
  }
  if (o.show_files) {
    std::string out;
    for (const std::string& f : files) {
      out += (f == "-" && !o.stdin_filename.empty() ? o.stdin_filename : f) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return status;
  }

  // Configuration: resolved for every file up front, so that workers share it read-only.
  std::optional<std::string> explicit_config;
  if (!o.config.empty()) explicit_config = o.config;
  ConfigFinder finder(cli, explicit_config);
  for (Listing& l : listings) finder.add_listing(l.dir, std::move(l.config_files));
  const ParseOptions parse_options;
  std::vector<Job> jobs;
  std::vector<std::shared_ptr<const ResolvedConfig>> job_configs;
  std::set<std::string> reported_config_errors;
  for (const std::string& f : files) {
    const bool is_stdin = f == "-";
    const std::string name =
        is_stdin ? (o.stdin_filename.empty() ? std::string(stdin_name) : o.stdin_filename) : f;
    // Standard input is configured like a file of its --stdin-filename, or one in the
    // current directory.
    auto config = finder.find(is_stdin && o.stdin_filename.empty() ? "./-" : name);
    if (!config) {
      if (reported_config_errors.insert(config.error().path + config.error().message).second) {
        std::fprintf(stderr, "%s\n", located(config.error(), "error").c_str());
      }
      status = exit_error;
      continue;
    }
    Job job;
    job.path = f;
    job.settings = &(*config)->settings;
    if (is_stdin) {
      Expected<SourceFile> text = read_input("-", parse_options.max_bytes);
      if (!text) {
        print_error(text.error().message);
        status = exit_error;
        continue;
      }
      job.preread = SourceFile(name, std::string(text->text()));
    }
    jobs.push_back(std::move(job));
    job_configs.push_back(*config);
  }
  for (const auto& c : finder.loaded()) {
    for (const Error& w : c->config.warnings) {
      std::fprintf(stderr, "%s\n", located(w, "warning").c_str());
    }
  }

  const unsigned workers = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  const WorkerKind kind = o.workers == "thread"    ? WorkerKind::thread
                          : o.workers == "process" ? WorkerKind::process
                                                   : WorkerKind::automatic;
  std::vector<FileReport> reports;
  FixRun fixed;
  if (o.fix.active()) {
    std::vector<bool> is_stdin;
    for (const Job& job : jobs) is_stdin.push_back(job.path == "-");
    std::vector<FixResult> results =
        run_fix_jobs(jobs, workers, kind, parse_options.max_bytes, o.fix.options());
    fixed = finish_fixes(o.fix, results, is_stdin, o.no_color, reports);
  } else {
    reports = run_jobs(jobs, workers, kind, parse_options.max_bytes);
  }
  run_shellcheck(reports, job_configs, workers);

  // Exit status: 2 for unreadable files and internal errors, else 1 for findings at or above
  // the fail level (--fail-level, else the file's config, else `style`: any finding).
  bool findings = false;
  for (size_t i = 0; i < reports.size(); ++i) {
    const FileReport& r = reports[i];
    if (r.error) status = exit_error;
    const FailLevel level =
        cli_fail.value_or(job_configs[i]->config.fail_level.value_or(FailLevel::style));
    for (const Diagnostic& d : r.diagnostics) {
      if (d.code == kInternalErrorCode) status = exit_error;
      if (reaches(d.severity, level)) findings = true;
    }
  }
  if (status == exit_ok && findings) status = exit_findings;
  if (o.fix.active()) status = fix_exit_status(o.fix, fixed, status);

  // Reports. The rules that ran: the union of every configuration's selection.
  std::set<const Rule*> ran;
  for (const auto& c : finder.loaded()) {
    for (const Rule* r : c->settings.rules.rules()) ran.insert(r);
  }
  std::vector<const Rule*> ran_rules(ran.begin(), ran.end());
  std::sort(ran_rules.begin(), ran_rules.end(),
            [](const Rule* a, const Rule* b) { return a->info().id < b->info().id; });
  for (const Sink& sink : *sinks) {
    const bool to_stdout = sink.file.empty() || sink.file == "-";
    if (to_stdout && o.fix.diff) continue;  // the diff was the output
    // With the fixed standard input on stdout, the report goes to stderr (ruff does the same).
    FILE* stream = fixed.stdout_taken ? stderr : stdout;
    RenderOptions options;
    options.rules = ran_rules;
    options.color = to_stdout && !o.no_color && use_color(::fileno(stream));
    if (o.fix.fix) options.fixed = fixed.fixed;
    std::string text;
    if (to_stdout && o.statistics) {
      text = statistics(reports);
    } else {
      text = render(sink.format, reports, options);
    }
    if (to_stdout) {
      // Nothing was checked because of an error: "no problems" would mislead.
      if (reports.empty() && status == exit_error) continue;
      std::fwrite(text.data(), 1, text.size(), stream);
    } else if (!write_atomically(sink.file, text)) {
      status = exit_error;
    }
  }
  // --statistics with every report going to files still prints the table.
  if (o.statistics && std::none_of(sinks->begin(), sinks->end(),
                                   [](const Sink& s) { return s.file.empty() || s.file == "-"; })) {
    const std::string text = statistics(reports);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto o = std::make_shared<CheckOptionsCli>();
  CLI::App* app = parent.add_subcommand(
      "check",
      "Check Dockerfiles (the default command: `dfopt PATH` is `dfopt check PATH`).\n"
      "Directories are searched for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* ...\n"
      "Exit status: 0 if nothing at or above the fail level was found, 1 if something was, "
      "2 on usage, configuration, I/O or internal errors.");
  app->add_option("paths", o->paths,
                  "Files and directories to check ('-' reads standard input); default: '.'")
      ->type_name("PATH");
  app->add_option("-j,--jobs", o->jobs, "Files checked in parallel (default: number of cores)")
      ->type_name("N");
  app->add_option("--stdin-filename", o->stdin_filename,
                  "The name of the file read from standard input, for messages and config "
                  "lookup; with no PATH, standard input is read");
  o->select_option =
      app->add_option("--select", o->select,
                      "Rules to check, replacing the default set: IDs, names, aliases, "
                      "categories or ALL (comma-separated or repeated)")
          ->delimiter(',')
          ->allow_extra_args(false)
          ->type_name("RULE");
  app->add_option("--extend-select", o->extend_select, "Rules to check in addition")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("RULE");
  app->add_option("--ignore", o->ignore, "Rules not to check")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("RULE");
  app->add_option("--fail-level", o->fail_level,
                  "Lowest severity that makes the exit status 1 (default: style, i.e. any "
                  "finding; the config's fail-level when not given)")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  app->add_flag("--statistics", o->statistics,
                "Print the number of findings per rule instead of the findings");
  app->add_flag("--no-color", o->no_color, "No ANSI colours (also when NO_COLOR is set)");
  app->add_option("--config", o->config,
                  "Use this config file for every file instead of looking for .dfopt.yaml "
                  "(or .hadolint.yaml) up from each file")
      ->type_name("FILE");
  app->add_option("--format,--output-format", o->formats,
                  "Report format: text, json, sarif, checkstyle, gitlab, github, junit; "
                  "FORMAT:FILE writes it to FILE. Repeat for several reports in one run")
      ->allow_extra_args(false)
      ->type_name("FORMAT[:FILE]");
  app->add_option("-o,--output", o->outputs,
                  "Write the report of the last --format without a file to FILE (atomically)")
      ->allow_extra_args(false)
      ->type_name("FILE");
  app->add_flag("--shellcheck", o->shellcheck,
                "Also run ShellCheck on RUN scripts and report its findings (SC2086...); the "
                "program is `shellcheck`, or $DFOPT_SHELLCHECK");
  app->add_flag("--show-files,--list-files", o->show_files,
                "Print the files that would be checked, one per line, and exit");
  add_fix_options(*app, o->fix);
  app->add_option("--workers", o->workers, "How -j runs in parallel (auto, thread, process)")
      ->check(CLI::IsMember({"auto", "thread", "process"}))
      ->group("");  // hidden: for benchmarks
  return Command{app, [o] { return run_check(*o); }};
}

std::vector<char*> default_to_check(int argc, char** argv, const CLI::App& app) {
  static char check[] = "check";
  std::vector<char*> args(argv, argv + argc);
  // A bare `dfopt` prints the usage (as ruff does); `dfopt check` checks '.'.
  if (argc < 2) return args;
  const std::string first = argv[1];
  if (first == "-h" || first == "--help" || first == "--version") return args;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->check_name(first)) return args;
  }
  args.insert(args.begin() + 1, check);
  implicit_check_word = first;
  return args;
}

}  // namespace dfopt::cli
