// The design note's three example Dockerfiles (../shared/reference/seed-dockerfiles), checked in
// place with the engine's check_file against their EXPECTED.md: every finding an existing rule
// covers is reported at the listed line, nothing EXPECTED.md rules out is reported, and at the
// default selection nothing outside the table is reported at all.
//
// EXPECTED.md row by row. "now" rows are asserted below (kCovered); "opt-in" rows are covered by
// a rule that is off by default and are asserted with it selected; "option" rows are covered by
// a rule at a non-default option (hadolint's DL3059, which DF101 mirrors by default, skips RUNs
// with several commands) and are asserted with that option set.
//
// | file      | line    | finding                       | dfopt rule                    | status |
// |-----------|---------|-------------------------------|-------------------------------|--------|
// | optimized | 9, 34   | apk unpinned (DL3018)         | DF606 apk-unpinned-package    | now    |
// | optimized | 18, 27  | cargo without a cache mount   | DF111 build-cache-without-    | opt-in |
// |           |         |                               | mount                         |        |
// | optimized | 18 / 27 | the "dummy main.rs" trick     | DF113 cargo-dummy-main-build  | now    |
// |           |         |                               | (at the real build, 27)       |        |
// | optimized | 34, 37  | consecutive RUNs (DL3059)     | DF101 consecutive-run with    | option |
// |           |         |                               | multi-command (at the 2nd, 37)|        |
// | optimized | 46      | `chown -R` layer after COPY   | DF110 chown-after-copy        | now    |
// | optimized | 49      | USER by name (info), 1000:1000| DF307 non-numeric-user        | now    |
// | optimized | 6, 31   | tag, not digest (info)        | DF510 base-image-not-pinned-  | opt-in |
// |           |         |                               | by-digest                     |        |
// | cached    | 13, 23  | `npm ci --only=production`    | DF211 npm-only-production     | now    |
// | cached    | 13->20  | build without devDependencies | DF212 build-after-production- | now    |
// |           |         |                               | install (at the build, 20)    |        |
// | cached    | 23      | `rm -rf node_modules` later   | DF114 cleanup-in-later-layer  | now    |
// | cached    | 13, 23  | `npm cache clean`, no mount   | DF112 package-cache-cleaned   | opt-in |
// | cached    | 20, 23  | consecutive RUNs (DL3059)     | DF101 consecutive-run with    | option |
// |           |         |                               | multi-command (at the 2nd, 23)|        |
// | cached    | 5 / 29  | runs as root, no USER (DS002) | DF350 final-image-runs-as-root| now    |
// |           |         |                               | DF302 root-final-user         | opt-in |
// |           |         |                               | DF303 no-user-instruction     | opt-in |
// | cached    | 27      | EXPOSE without HEALTHCHECK    | DF420 exposed-service-without-| now    |
// |           |         | (DL3057, DS026)               | healthcheck; DF411, DF412 at  | opt-in |
// |           |         |                               | the FROM (5)                  |        |
// | cached    | 29      | `npm start` as PID 1          | DF421 package-manager-as-pid1 | now    |
// | cached    | 17      | `COPY . .`, no .dockerignore  | DF115 copy-context-without-   | now    |
// |           |         |                               | dockerignore                  |        |
// | minimal   | 9       | --from=builder: no such stage | DF201 copy-from-unknown-stage | now    |
// | minimal   | 6       | image without a tag (DL3006)  | DF501 untagged-base-image     | now    |
// | minimal   | 12      | USER by name (info), 65532    | DF307 non-numeric-user        | now    |
//
// Must NOT report (MustNotReport below): optimized: missing HEALTHCHECK, root user, JSON form for
// ENTRYPOINT, missing multi-stage; minimal: root user, missing HEALTHCHECK above info, shell-form
// issues. No rule checks multi-stage use yet; the closed-world test covers it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

fs::path seed_dir() { return test::shared_dir() / "reference" / "seed-dockerfiles"; }

#define DFOPT_REQUIRE_SEEDS()                                         \
  do {                                                                \
    if (!fs::is_directory(seed_dir()))                                \
      GTEST_SKIP() << "seed Dockerfiles not found at " << seed_dir()  \
                   << " (set DFOPT_SHARED_DIR to the shared folder)"; \
  } while (false)

struct Finding {
  std::string code;
  uint32_t line = 0;
  Severity severity = Severity::error;
  std::string message;
  /// First line of the instruction holding the finding: EXPECTED.md lists instructions by their
  /// first line, while a rule may point at a command on a continuation line.
  uint32_t instr_line = 0;

  bool at(uint32_t l) const { return line == l || instr_line == l; }
};

/// First line of the instruction that line `line` (1-based) of `text` belongs to: go up while
/// the line above ends with a line continuation.
uint32_t instruction_first_line(std::string_view text, uint32_t line) {
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= text.size();) {
    const size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos
                                                                  : nl - pos));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  while (line > 1 && line - 2 < lines.size()) {
    std::string_view above = lines[line - 2];
    while (!above.empty() && (above.back() == ' ' || above.back() == '\r')) above.remove_suffix(1);
    if (above.empty() || above.back() != '\\') break;
    --line;
  }
  return line;
}

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += "\n  " + std::to_string(f.line) + ": " + f.code + " [" +
           std::string(to_string(f.severity)) + "] " + f.message;
  }
  return out.empty() ? " (none)" : out;
}

/// Checks `name` in place, so that whatever sits next to it (.dockerignore) is seen as a user's
/// run would see it.
std::vector<Finding> check(std::string_view name, const Settings& settings) {
  const fs::path path = seed_dir() / name;
  Parser parser;
  FileReport report = check_file(SourceFile(path.string(), read_bytes(path)), settings, parser);
  EXPECT_FALSE(report.error) << path << ": " << report.error->message;
  std::vector<Finding> out;
  for (const Diagnostic& d : report.diagnostics) {
    const uint32_t line = report.source.position(d.range.begin).line;
    out.push_back({d.code, line, d.severity, d.message,
                   instruction_first_line(report.source.text(), line)});
  }
  return out;
}

Settings defaults() { return Settings{}; }

Settings all_rules_selected() {
  Settings s;
  s.rules = RuleSet::all();
  return s;
}

/// The default selection plus `id`, for rows an off-by-default rule covers, with `option`
/// ("<rule-name>.<option>=<value>") set when not empty.
Settings defaults_and(std::string_view id, std::string_view option = {}) {
  Settings s;
  const Rule* rule = find_rule(id);
  if (rule) s.rules.insert(*rule);
  if (const size_t eq = option.find('='); eq != std::string_view::npos) {
    s.options.values.emplace_back(std::string(option.substr(0, eq)),
                                  std::string(option.substr(eq + 1)));
  }
  return s;
}

/// A row of EXPECTED.md that an existing rule covers, at one of its listed lines.
struct Covered {
  std::string_view file;
  uint32_t line;
  std::string_view rule;  ///< dfopt rule ID
  std::string_view finding;
  /// A non-default option the row needs, "<rule-name>.<option>=<value>"; empty when none.
  std::string_view option = {};
};

constexpr Covered kCovered[] = {
    {"Dockerfile.optimized", 9, "DF606", "apk packages not pinned to versions"},
    {"Dockerfile.optimized", 34, "DF606", "apk packages not pinned to versions"},
    {"Dockerfile.optimized", 49, "DF307", "USER by name"},
    {"Dockerfile.optimized", 6, "DF510", "base image pinned by tag, not digest"},
    {"Dockerfile.optimized", 31, "DF510", "base image pinned by tag, not digest"},
    {"Dockerfile.optimized", 18, "DF111", "cargo without a cache mount"},
    {"Dockerfile.optimized", 27, "DF111", "cargo without a cache mount"},
    // EXPECTED.md lists 18 / 27; the real build (27) is where the placeholder binary is reused.
    {"Dockerfile.optimized", 27, "DF113", "the dummy main.rs trick without a forced build"},
    // EXPECTED.md lists 34, 37: the second RUN is reported, naming the first.
    {"Dockerfile.optimized", 37, "DF101", "consecutive RUNs that could be one layer",
     "consecutive-run.multi-command=true"},
    {"Dockerfile.optimized", 46, "DF110", "`chown -R` in its own layer after COPY"},
    {"Dockerfile.cached", 13, "DF211", "`npm ci --only=production` is deprecated"},
    {"Dockerfile.cached", 23, "DF211", "`npm ci --only=production` is deprecated"},
    // EXPECTED.md lists 13 -> 20; the build step (20) is reported, naming the install's line.
    {"Dockerfile.cached", 20, "DF212", "`npm run build` after a production-only install"},
    // EXPECTED.md lists 20, 23: the second RUN is reported, naming the first.
    {"Dockerfile.cached", 23, "DF101", "consecutive RUNs that could be one layer",
     "consecutive-run.multi-command=true"},
    {"Dockerfile.cached", 23, "DF114", "`rm -rf node_modules` in a later layer"},
    {"Dockerfile.cached", 13, "DF112", "`npm cache clean` where a cache mount would do"},
    {"Dockerfile.cached", 23, "DF112", "`npm cache clean` where a cache mount would do"},
    {"Dockerfile.cached", 17, "DF115", "`COPY . .` with no .dockerignore"},
    {"Dockerfile.cached", 5, "DF350", "runs as root: no USER in the final stage"},
    {"Dockerfile.cached", 5, "DF302", "runs as root: no USER in the final stage"},
    {"Dockerfile.cached", 5, "DF303", "runs as root: no USER in the final stage"},
    // EXPECTED.md lists line 27 (EXPOSE); these rules report the missing HEALTHCHECK at the FROM.
    {"Dockerfile.cached", 5, "DF411", "no HEALTHCHECK (the service part is later)"},
    {"Dockerfile.cached", 5, "DF412", "no HEALTHCHECK (the service part is later)"},
    {"Dockerfile.cached", 27, "DF420", "a service (EXPOSE 3000) without HEALTHCHECK"},
    {"Dockerfile.cached", 29, "DF421", "`npm start` as PID 1"},
    {"Dockerfile.minimal", 9, "DF201", "COPY --from names no stage"},
    {"Dockerfile.minimal", 6, "DF501", "base image without a tag"},
    {"Dockerfile.minimal", 12, "DF307", "USER by name"},
};

constexpr std::string_view kSeeds[] = {"Dockerfile.optimized", "Dockerfile.cached",
                                       "Dockerfile.minimal"};

bool reported(const std::vector<Finding>& findings, std::string_view code, uint32_t line) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.code == code && f.at(line); });
}

TEST(SeedDockerfiles, CoveredFindingsAreReportedAtTheListedLine) {
  DFOPT_REQUIRE_SEEDS();
  for (const Covered& row : kCovered) {
    SCOPED_TRACE(std::string(row.file) + ":" + std::to_string(row.line) + " " +
                 std::string(row.finding));
    ASSERT_NE(find_rule(row.rule), nullptr) << "no rule " << row.rule;
    const std::vector<Finding> findings = check(row.file, defaults_and(row.rule, row.option));
    EXPECT_TRUE(reported(findings, row.rule, row.line))
        << row.rule << " not reported at line " << row.line << "; reported:" << describe(findings);
  }
}

// At the default selection the seeds get exactly the covered rows of on-by-default rules: a
// finding outside the table is a false positive (a "missing multi-stage", say) or a rule that now
// covers a "later" row, and then the table above moves that row to "now". The same holds with
// the options that "option" rows need: they add those rows and nothing else.
void expect_only_covered_rows(bool with_options) {
  Settings settings;
  if (with_options) {
    for (const Covered& c : kCovered) {
      if (c.option.empty()) continue;
      const size_t eq = c.option.find('=');
      settings.options.values.emplace_back(std::string(c.option.substr(0, eq)),
                                           std::string(c.option.substr(eq + 1)));
    }
  }
  for (std::string_view file : kSeeds) {
    SCOPED_TRACE(std::string(file) + (with_options ? " (with options)" : ""));
    const std::vector<Finding> findings = check(file, settings);
    for (const Finding& f : findings) {
      const bool listed = std::any_of(
          std::begin(kCovered), std::end(kCovered), [&](const Covered& c) {
            return c.file == file && c.rule == f.code && f.at(c.line) &&
                   (with_options || c.option.empty());
          });
      EXPECT_TRUE(listed) << "not in EXPECTED.md's covered rows: " << f.line << ": " << f.code
                          << " " << f.message;
    }
    for (const Covered& c : kCovered) {
      const Rule* rule = find_rule(c.rule);
      if (c.file != file || !rule || !rule->info().enabled_by_default) continue;
      if (!c.option.empty() && !with_options) continue;
      EXPECT_TRUE(reported(findings, c.rule, c.line))
          << c.rule << " (on by default) not reported at line " << c.line << ":"
          << describe(findings);
    }
  }
}

TEST(SeedDockerfiles, DefaultSelectionReportsOnlyCoveredRows) {
  DFOPT_REQUIRE_SEEDS();
  expect_only_covered_rows(false);
}

TEST(SeedDockerfiles, DefaultSelectionWithRowOptionsReportsOnlyCoveredRows) {
  DFOPT_REQUIRE_SEEDS();
  expect_only_covered_rows(true);
}

/// The rules behind one concept EXPECTED.md rules out: dfopt's IDs plus whatever rule a peer's
/// ID for the same concept resolves to, so that a rule added later under that alias counts too.
std::set<std::string> concept_rules(std::initializer_list<std::string_view> keys) {
  std::set<std::string> ids;
  for (std::string_view key : keys) {
    if (auto rules = resolve_rule_key(key)) {
      for (const Rule* r : *rules) ids.insert(std::string(r->info().id));
    }
  }
  return ids;
}

std::set<std::string> root_user_rules() {
  // root-stage-user, root-final-user, no-user-instruction, last-user-root-literal,
  // final-image-runs-as-root.
  return concept_rules(
      {"DF301", "DF302", "DF303", "DF308", "DF350", "DL3002", "DS-0002", "CKV_DOCKER_3",
       "CKV_DOCKER_8"});
}
std::set<std::string> healthcheck_rules() {
  // stage-without-healthcheck, no-healthcheck, exposed-service-without-healthcheck.
  return concept_rules({"DF411", "DF412", "DF420", "DL3057", "DS-0026", "CKV_DOCKER_2"});
}
std::set<std::string> command_form_rules() {
  // shell-form-command, json-args-recommended.
  return concept_rules({"DF401", "DF402", "DL3025", "JSONArgsRecommended"});
}

std::vector<Finding> of(const std::vector<Finding>& findings, const std::set<std::string>& ids) {
  std::vector<Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const Finding& f) { return ids.count(f.code) != 0; });
  return out;
}

TEST(SeedDockerfiles, MustNotReport) {
  DFOPT_REQUIRE_SEEDS();
  ASSERT_EQ(root_user_rules().size(), 5u);
  ASSERT_EQ(healthcheck_rules().size(), 3u);
  ASSERT_EQ(command_form_rules().size(), 2u);

  {
    SCOPED_TRACE("Dockerfile.optimized, default selection");
    const std::vector<Finding> findings = check("Dockerfile.optimized", defaults());
    EXPECT_EQ(describe(of(findings, healthcheck_rules())), describe({})) << "missing HEALTHCHECK";
    EXPECT_EQ(describe(of(findings, root_user_rules())), describe({})) << "root user";
    EXPECT_EQ(describe(of(findings, command_form_rules())), describe({})) << "JSON form";
  }
  {
    // The facts hold whatever is selected: the final stage ends as `USER appuser`, has a
    // HEALTHCHECK and uses the JSON form. Only the build stage lacks a HEALTHCHECK, which
    // stage-without-healthcheck (off by default, as hadolint's DL3057) reports by design.
    SCOPED_TRACE("Dockerfile.optimized, all rules");
    const std::vector<Finding> findings = check("Dockerfile.optimized", all_rules_selected());
    EXPECT_EQ(describe(of(findings, root_user_rules())), describe({})) << "root user";
    EXPECT_EQ(describe(of(findings, command_form_rules())), describe({})) << "JSON form";
    for (const Finding& f : of(findings, healthcheck_rules())) {
      EXPECT_LT(f.line, 31u) << "missing HEALTHCHECK reported for the final stage: " << f.code
                             << " " << f.message;
    }
  }
  {
    SCOPED_TRACE("Dockerfile.minimal, default selection");
    const std::vector<Finding> findings = check("Dockerfile.minimal", defaults());
    EXPECT_EQ(describe(of(findings, root_user_rules())), describe({})) << "root user";
    EXPECT_EQ(describe(of(findings, healthcheck_rules())), describe({})) << "missing HEALTHCHECK";
    EXPECT_EQ(describe(of(findings, command_form_rules())), describe({})) << "shell form";
  }
  {
    // No EXPOSE: a missing HEALTHCHECK may be reported, but at most as info.
    SCOPED_TRACE("Dockerfile.minimal, all rules");
    const std::vector<Finding> findings = check("Dockerfile.minimal", all_rules_selected());
    EXPECT_EQ(describe(of(findings, root_user_rules())), describe({})) << "root user";
    EXPECT_EQ(describe(of(findings, command_form_rules())), describe({})) << "shell form";
    for (const Finding& f : of(findings, healthcheck_rules())) {
      EXPECT_FALSE(at_or_above(f.severity, Severity::warning))
          << "missing HEALTHCHECK above info: " << f.line << ": " << f.code << " " << f.message;
    }
  }
}

// EXPECTED.md asks for the numeric form of a USER given by name: 1000:1000 for the user the
// optimized file creates, 65532:65532 for distroless's `nonroot`.
TEST(SeedDockerfiles, UserByNameSuggestsNumericIds) {
  DFOPT_REQUIRE_SEEDS();
  const struct {
    std::string_view file;
    uint32_t line;
    std::string_view numeric;
  } rows[] = {{"Dockerfile.optimized", 49, "`USER 1000:1000`"},
              {"Dockerfile.minimal", 12, "`USER 65532:65532`"}};
  for (const auto& row : rows) {
    const std::vector<Finding> findings = check(row.file, defaults());
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.code == "DF307" && f.line == row.line;
    });
    ASSERT_NE(it, findings.end()) << row.file << ":" << row.line << describe(findings);
    EXPECT_NE(it->message.find(row.numeric), std::string::npos) << it->message;
    EXPECT_EQ(it->severity, Severity::info) << it->message;
  }
}

// EXPECTED.md lists both RUNs of a consecutive pair; the finding is on the second and names the
// first.
TEST(SeedDockerfiles, ConsecutiveRunRowsNameBothLines) {
  DFOPT_REQUIRE_SEEDS();
  const struct {
    std::string_view file;
    uint32_t first, second;
  } rows[] = {{"Dockerfile.optimized", 34, 37}, {"Dockerfile.cached", 20, 23}};
  for (const auto& row : rows) {
    const std::vector<Finding> findings =
        check(row.file, defaults_and("DF101", "consecutive-run.multi-command=true"));
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.code == "DF101" && f.at(row.second);
    });
    ASSERT_NE(it, findings.end()) << row.file << ":" << row.second << describe(findings);
    EXPECT_NE(it->message.find("line " + std::to_string(row.first)), std::string::npos)
        << it->message;
  }
}

// Every seed parses as BuildKit would accept it: a syntax error would hide the rows above.
TEST(SeedDockerfiles, ParseCleanly) {
  DFOPT_REQUIRE_SEEDS();
  Settings none;
  none.rules = RuleSet();
  for (std::string_view file : kSeeds) {
    EXPECT_EQ(describe(check(file, none)), describe({})) << file;
  }
}

}  // namespace
}  // namespace dfopt
