// check(): the pending scripts of a batch of reports, each distinct script run once, and the
// findings merged back into every report that holds it.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "dfopt/engine.h"
#include "dfopt/shellcheck.h"
#include "shellcheck/internal.h"

namespace dfopt::shellcheck {
namespace {

bool ignores(const Script& s, uint32_t code) {
  return std::any_of(s.ignored.begin(), s.ignored.end(),
                     [&](uint32_t c) { return c == 0 || c == code; });
}

bool is_excluded(uint32_t code) {
  return std::find(std::begin(kExcludedCodes), std::end(kExcludedCodes), code) !=
         std::end(kExcludedCodes);
}

}  // namespace

Outcome check(std::span<FileReport> reports, std::span<const Settings* const> settings,
              const Options& options) {
  Outcome outcome;
  // Distinct texts, each with an index into `unique`; the text itself decides everything
  // ShellCheck says (the shell is its shebang).
  constexpr uint32_t kSkip = UINT32_MAX;
  std::unordered_map<std::string_view, uint32_t> index;
  std::vector<std::string_view> unique;
  std::vector<std::vector<uint32_t>> ids(reports.size());
  for (size_t r = 0; r < reports.size(); ++r) {
    for (const Script& s : reports[r].shellcheck) {
      ++outcome.scripts;
      if (ignores(s, 0)) {
        ids[r].push_back(kSkip);
        continue;
      }
      auto [it, added] = index.try_emplace(s.text, static_cast<uint32_t>(unique.size()));
      if (added) unique.push_back(s.text);
      ids[r].push_back(it->second);
    }
  }
  outcome.unique = unique.size();
  auto clear = [&] {
    for (FileReport& r : reports) r.shellcheck.clear();
  };
  if (unique.empty()) {
    clear();
    return outcome;
  }
  Expected<std::string> program = find_program(options.program);
  if (!program) {
    outcome.skipped = program.error().message;
    clear();
    return outcome;
  }
  Expected<std::vector<std::vector<Comment>>> comments =
      run(unique, *program, options.jobs, options.batch_size, &outcome.errors);
  if (!comments) {
    outcome.skipped = comments.error().message;
    clear();
    return outcome;
  }

  for (size_t r = 0; r < reports.size() && r < settings.size(); ++r) {
    FileReport& report = reports[r];
    const Settings& config = *settings[r];
    bool added = false;
    for (size_t k = 0; k < report.shellcheck.size(); ++k) {
      if (ids[r][k] == kSkip) continue;
      const Script& script = report.shellcheck[k];
      const std::vector<Comment>& found = (*comments)[ids[r][k]];
      if (found.empty()) continue;
      const Locator locator(script);
      for (const Comment& c : found) {
        if (is_excluded(c.code) || !config.shellcheck.contains(c.code) || ignores(script, c.code)) {
          continue;
        }
        Diagnostic d = locator.diagnostic(c);
        for (const auto& [code, severity] : config.shellcheck_severity) {
          if (code == 0 || code == c.code) d.severity = severity;
        }
        report.diagnostics.push_back(std::move(d));
        added = true;
      }
    }
    if (added) {
      // check_file's order: by position, then code (stable, so ShellCheck's own order stays
      // among equal keys).
      std::stable_sort(report.diagnostics.begin(), report.diagnostics.end(),
                       [](const Diagnostic& a, const Diagnostic& b) {
                         if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
                         return a.code < b.code;
                       });
    }
  }
  clear();
  return outcome;
}

}  // namespace dfopt::shellcheck
