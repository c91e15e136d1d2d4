// `dfopt audit`: the command-line front end of the audit library (dfopt/audit.h).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <memory>

#include "commands.h"
#include "dfopt/audit.h"
#include "dfopt/engine.h"
#include "dfopt/report.h"

namespace dfopt::cli {
namespace {

struct AuditOptions {
  std::vector<std::string> paths;
  std::string from_list;
  std::string jsonl, sarif, db, html;
  std::string shard;
  unsigned jobs = 0;
  uint32_t max_bytes = 1u << 20;
  bool no_progress = false;
  std::vector<std::string> select, extend_select, ignore, severity;
  CLI::Option* select_option = nullptr;
  bool include_ignored = false;
  // merge
  std::vector<std::string> shard_files;
};

void error(const std::string& message) { fmt::print(stderr, "dfopt: error: {}\n", message); }

void report(const Error& e) {
  error(e.path.empty() ? e.message : fmt::format("{}: {}", e.path, e.message));
}

/// Ctrl-C or a kill: drop the output being written, so that every output is complete or
/// absent, and end at once (a SQLite transaction that was not committed is rolled back).
extern "C" void on_signal(int sig) {
  audit::remove_pending_temp();
  ::_exit(128 + sig);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
}

/// Writes the requested outputs; false when one failed (reported).
bool write_outputs(const audit::AuditResult& r, const AuditOptions& o, std::string_view shard) {
  bool ok = true;
  // Each output is rendered only when asked for: rendering all three of a large estate costs
  // more than checking it.
  auto write = [&](const std::string& path, std::string (*render)(const audit::AuditResult&)) {
    if (path.empty()) return;
    if (auto e = audit::write_atomically(path, render(r))) {
      report(*e);
      ok = false;
    }
  };
  write(o.jsonl, audit::render_jsonl);
  write(o.sarif, audit::render_sarif);
  write(o.html, audit::render_html);
  if (!o.db.empty()) {
    if (auto e = audit::store_run(o.db, r, shard)) {
      report(*e);
      ok = false;
    }
  }
  return ok;
}

int run_audit(const AuditOptions& o) {
  install_signal_handlers();
  audit::Options options;
  options.paths = o.paths;
  if (!o.from_list.empty()) {
    std::ifstream in(o.from_list);
    if (!in) {
      error(fmt::format("{}: cannot read the list of paths", o.from_list));
      return exit_error;
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line.front() != '#') options.paths.push_back(line);
    }
  }
  if (options.paths.empty()) options.paths.push_back(".");
  if (!o.shard.empty()) {
    unsigned k = 0, n = 0;
    char extra = 0;
    if (std::sscanf(o.shard.c_str(), "%u/%u%c", &k, &n, &extra) != 2 || n == 0 || k == 0 ||
        k > n) {
      error(fmt::format("--shard '{}': expected K/N with 1 <= K <= N, e.g. 2/8", o.shard));
      return exit_error;
    }
    options.shard_index = k - 1;
    options.shard_count = n;
  }
  options.jobs = o.jobs;
  options.max_bytes = o.max_bytes;
  options.include_ignored = o.include_ignored;
  // The rule selection and severity overrides, layered over each repository's configuration as
  // `dfopt check` layers its command line.
  if (o.select_option && o.select_option->count() > 0) options.selection.select = o.select;
  options.selection.extend_select = o.extend_select;
  options.selection.ignore = o.ignore;
  for (const auto* list : {&o.select, &o.extend_select, &o.ignore}) {
    for (const std::string& key : *list) {
      if (auto r = resolve_rule_key(key); !r) {
        error(r.error().message);
        return exit_error;
      }
    }
  }
  for (const std::string& spec : o.severity) {
    const size_t eq = spec.find('=');
    const std::optional<Severity> level =
        eq == std::string::npos ? std::nullopt : parse_severity(spec.substr(eq + 1));
    if (!level) {
      error(fmt::format("--severity '{}': expected RULE=LEVEL with LEVEL one of error, warning, "
                        "info, style, e.g. DF301=error",
                        spec));
      return exit_error;
    }
    auto rules = resolve_rule_key(spec.substr(0, eq));
    if (!rules) {
      error(rules.error().message);
      return exit_error;
    }
    for (const Rule* r : *rules) options.severity.emplace_back(r, *level);
  }
  // Progress only on a terminal: a pipe or a CI log gets the summary alone.
  if (!o.no_progress && ::isatty(STDERR_FILENO)) {
    options.progress = [](size_t done, size_t total, double secs) {
      const double rate = secs > 0 ? done / secs : 0;
      const double left = rate > 0 ? (total - done) / rate : 0;
      fmt::print(stderr, "\r\x1b[K{}/{} files, {:.0f} files/s, {:.0f} s left", done, total, rate,
                 left);
      std::fflush(stderr);
    };
  }
  audit::AuditResult result = audit::run(options);
  if (options.progress) fmt::print(stderr, "\r\x1b[K");
  const bool ok = write_outputs(result, o, o.shard);
  fmt::print("{}", audit::render_summary(result, use_color(STDOUT_FILENO)));
  return ok ? exit_ok : exit_error;
}

int run_merge(const AuditOptions& o) {
  install_signal_handlers();
  std::vector<audit::AuditResult> shards;
  for (const std::string& path : o.shard_files) {
    Expected<audit::AuditResult> r = audit::load_run(path);
    if (!r) {
      report(r.error());
      return exit_error;
    }
    shards.push_back(std::move(*r));
  }
  const audit::AuditResult merged = audit::merge(std::move(shards));
  const bool ok = write_outputs(merged, o, "");
  fmt::print("{}", audit::render_summary(merged, use_color(STDOUT_FILENO)));
  return ok ? exit_ok : exit_error;
}

int run_trend(const AuditOptions& o) {
  Expected<std::string> text = audit::render_trend(o.db);
  if (!text) {
    report(text.error());
    return exit_error;
  }
  fmt::print("{}", *text);
  return exit_ok;
}

void add_output_options(CLI::App* app, AuditOptions* o) {
  app->add_option("--jsonl", o->jsonl, "Write every finding as one JSON object per line to FILE")
      ->type_name("FILE");
  app->add_option("--sarif", o->sarif, "Write one SARIF log for the whole estate to FILE")
      ->type_name("FILE");
  app->add_option("--db", o->db, "Append this run to the SQLite history in FILE")
      ->type_name("FILE");
  app->add_option("--html", o->html,
                  "Write a self-contained HTML report (charts and a sortable table) to FILE")
      ->type_name("FILE");
}

}  // namespace

Command add_audit_command(CLI::App& parent) {
  auto o = std::make_shared<AuditOptions>();
  CLI::App* app = parent.add_subcommand(
      "audit", "Check every Dockerfile of many repositories and summarise the estate");
  app->footer(
      "Each PATH is a git checkout (it holds .git) or a folder whose subfolders are checkouts.\n"
      "Each file is checked with its repository's configuration (.dfopt.yaml, dfopt.yaml,\n"
      ".hadolint.yaml), found as `dfopt check` finds it; --select, --extend-select, --ignore\n"
      "and --severity apply on top.\n"
      "Output files are written atomically: complete, or absent after an interruption.");
  app->add_option("paths", o->paths, "Repositories or folders of repositories (default: '.')")
      ->type_name("PATH");
  app->add_option("--from-list", o->from_list, "Read more paths from FILE, one per line")
      ->type_name("FILE");
  add_output_options(app, o.get());
  app->add_option("--shard", o->shard,
                  "Check only shard K of N (1-based) of the repositories, split by name")
      ->type_name("K/N");
  o->select_option =
      app->add_option("--select", o->select,
                      "Check only these rules, IDs, names, aliases or categories, instead of "
                      "each configuration's selection")
          ->type_name("RULE")
          ->delimiter(',');
  app->add_option("--extend-select", o->extend_select,
                  "Check these rules on top of each configuration's selection")
      ->type_name("RULE")
      ->delimiter(',');
  app->add_option("--ignore", o->ignore, "Do not check these rules")
      ->type_name("RULE")
      ->delimiter(',');
  app->add_option("--severity", o->severity,
                  "Report RULE (or a category) at LEVEL: error, warning, info or style; "
                  "overrides the configurations")
      ->type_name("RULE=LEVEL");
  app->add_flag("--include-ignored", o->include_ignored,
                "Also check Dockerfiles excluded by .gitignore files or inside vendored folders "
                "(node_modules, bower_components, vendor)");
  app->add_option("-j,--jobs", o->jobs,
                  "Worker processes checking files in parallel (default: number of cores)")
      ->type_name("N");
  app->add_option("--max-file-size", o->max_bytes,
                  "Skip (and count) Dockerfiles larger than BYTES (default: 1048576)")
      ->type_name("BYTES");
  app->add_flag("--no-progress", o->no_progress, "Never show progress, even on a terminal");

  CLI::App* trend = app->add_subcommand("trend", "Show how the counts changed between runs");
  trend->add_option("--db", o->db, "The SQLite history written by `dfopt audit --db`")
      ->type_name("FILE")
      ->required();
  CLI::App* merge = app->add_subcommand(
      "merge", "Combine shard histories (`--db` of each shard) into the outputs of one run");
  merge->add_option("shards", o->shard_files, "The shard databases")
      ->type_name("SHARD_DB")
      ->required();
  add_output_options(merge, o.get());

  return {app, [o, trend, merge]() {
            if (trend->parsed()) return run_trend(*o);
            if (merge->parsed()) return run_merge(*o);
            return run_audit(*o);
          }};
}

}  // namespace dfopt::cli
