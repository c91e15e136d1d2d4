// check_file: the one entry point a front end calls per file (parse, model, rules, pragmas,
// overrides).
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <string>

#include "dfopt/engine.h"
#include "dfopt/glob.h"
#include "engine/suppressions.h"

namespace dfopt {
namespace {

/// Rules ignored in this file by `per-file-ignores`; their ShellCheck codes go to `shellcheck`.
RuleSet per_file_ignored(const Settings& settings, std::string_view path,
                         std::vector<uint32_t>& shellcheck) {
  RuleSet out;
  if (settings.per_file_ignores.empty()) return out;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  std::string rel = p.generic_string();
  if (!settings.root.empty()) {
    fs::path abs = fs::absolute(p, ec).lexically_normal();
    fs::path r = abs.lexically_relative(fs::path(settings.root).lexically_normal());
    if (!r.empty() && r.native().rfind("..", 0) != 0) rel = r.generic_string();
  }
  if (rel.rfind("./", 0) == 0) rel.erase(0, 2);
  const std::string name = p.filename().string();
  for (const PerFileIgnore& pfi : settings.per_file_ignores) {
    const bool has_slash = pfi.pattern.find('/') != std::string::npos;
    if (glob_match(pfi.pattern, rel) || (!has_slash && glob_match(pfi.pattern, name))) {
      for (const Rule* r : pfi.rules) out.insert(*r);
      shellcheck.insert(shellcheck.end(), pfi.shellcheck.begin(), pfi.shellcheck.end());
    }
  }
  return out;
}

/// The rule with ID `code` (run_rules sets codes to IDs); all_rules() is sorted by ID.
const Rule* rule_by_id(std::string_view code) {
  const auto rules = all_rules();
  auto it = std::lower_bound(rules.begin(), rules.end(), code,
                             [](const Rule* r, std::string_view id) { return r->info().id < id; });
  if (it != rules.end() && (*it)->info().id == code) return *it;
  return find_rule(code);
}

void sort_diagnostics(std::vector<Diagnostic>& d) {
  std::stable_sort(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.code < b.code;
  });
}

}  // namespace

namespace {

FileReport check(SourceFile source, const Settings& settings, Parser& parser,
                 const FileInspector* inspect) {
  FileReport report;
  report.path = source.path();
  report.source = std::move(source);
  const SourceFile& file = report.source;
  std::vector<Diagnostic>& out = report.diagnostics;
  try {
    ParseResult parsed = parser.parse(file);
    // Syntax errors are always reported, whatever the selection (ruff does the same): a file
    // that BuildKit rejects must never look clean.
    for (Diagnostic& d : parsed.diagnostics) {
      if (d.code == "syntax-error") d.code = std::string(kSyntaxErrorId);
      out.push_back(std::move(d));
    }
    const model::Model model = model::build_model(parsed.ast, file, settings.model);
    // One shell parser per thread, reused from file to file like `parser`.
    thread_local shell::ShellParser shell_parser;
    shell::ShellModel shell(parsed.ast, model, file, &shell_parser);
    const FileContext context{file, parsed.ast, model, settings.shared, settings.options, &shell};
    if (inspect) (*inspect)(context);
    detail::Suppressions sup = detail::collect_suppressions(file, parsed.ast, settings);
    // The selection is the same for every file of a run: list it once per thread.
    thread_local RuleSet listed_set;
    thread_local std::vector<const Rule*> listed;
    if (!(listed_set == settings.rules)) {
      listed_set = settings.rules;
      listed = settings.rules.rules();
    }
    std::span<const Rule* const> rules = listed;
    // `# check=experimental=...` turns on rules mirroring experimental BuildKit checks.
    std::vector<const Rule*> with_experimental;
    if (!sup.experimental.empty()) {
      with_experimental = listed;
      for (const Rule* r : sup.experimental) {
        auto at = std::lower_bound(
            with_experimental.begin(), with_experimental.end(), r,
            [](const Rule* a, const Rule* b) { return a->info().id < b->info().id; });
        if (at == with_experimental.end() || *at != r) with_experimental.insert(at, r);
      }
      rules = with_experimental;
    }
    std::vector<Diagnostic> findings = run_rules(rules, context);
    // Problems with the pragmas themselves are findings of the unknown-rule and invalid-pragma
    // rules: reported when those are selected, then ignored and re-graded like any finding.
    for (Diagnostic& w : sup.warnings) {
      const Rule* rule = rule_by_id(w.code);
      if (rule && settings.rules.contains(*rule)) findings.push_back(std::move(w));
    }

    std::vector<uint32_t> file_ignored_shellcheck;
    const RuleSet file_ignored = per_file_ignored(settings, report.path, file_ignored_shellcheck);
    for (Diagnostic& d : findings) {
      const Rule* rule = rule_by_id(d.code);
      if (rule) {
        if (file_ignored.contains(*rule) || sup.suppressed(*rule, d.range.begin)) continue;
        for (const auto& [r, severity] : settings.severity) {
          if (r == rule) d.severity = severity;
        }
        if (sup.buildkit_error && detail::mirrors_buildkit_check(*rule)) {
          d.severity = Severity::error;
        }
      }
      out.push_back(std::move(d));
    }
    // ShellCheck runs later, on the scripts of many files at once (shellcheck::check).
    if (settings.shellcheck) {
      report.shellcheck = shellcheck::prepare(context);
      for (shellcheck::Script& s : report.shellcheck) {
        s.ignored = file_ignored_shellcheck;
        sup.shellcheck_ignored(s.anchor.begin, s.ignored);
      }
    }
  } catch (const std::exception& e) {
    // The parser, the model and every rule catch their own failures; this is the last net.
    out.push_back({std::string(kInternalErrorCode),
                   Severity::error,
                   fmt::format("internal error while checking the file: {}; please report this bug",
                               e.what()),
                   {0, 0},
                   {}});
  }
  sort_diagnostics(out);
  return report;
}

}  // namespace

FileReport check_file(SourceFile source, const Settings& settings, Parser& parser) {
  return check(std::move(source), settings, parser, nullptr);
}

FileReport check_file(SourceFile source, const Settings& settings, Parser& parser,
                      const FileInspector& inspect) {
  return check(std::move(source), settings, parser, &inspect);
}

}  // namespace dfopt
