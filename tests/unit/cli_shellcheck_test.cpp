// `dfopt check --shellcheck` end to end: runs the built binary (DFOPT_BINARY) on the fixture
// tests/shellcheck/run-scripts.Dockerfile against its golden output, through every worker mode,
// in SARIF, with a config, and without ShellCheck installed. Tests that need the `shellcheck`
// program skip, saying so, when it is absent. DFOPT_UPDATE_GOLDEN=1 rewrites the golden file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using dfopt::test::Outcome;
using dfopt::test::read_file;
using dfopt::test::shell_quote;

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

bool have_shellcheck() { return std::system("command -v shellcheck >/dev/null 2>&1") == 0; }

#define REQUIRE_SHELLCHECK()                                                                 \
  if (!have_shellcheck()) {                                                                  \
    GTEST_SKIP() << "the shellcheck program is not installed (apt-get install shellcheck); " \
                    "ShellCheck runs are not tested";                                        \
  }

const fs::path kFixtureDir = fs::path(DFOPT_SOURCE_DIR) / "tests" / "shellcheck";
constexpr const char* kFixture = "run-scripts.Dockerfile";

class CliShellcheck : public dfopt::test::TempDirTest {
 protected:
  /// Runs `env dfopt <args>` in `cwd` (default: the test's directory).
  Outcome run(const std::vector<std::string>& args, const std::string& env = "",
              const fs::path& cwd = {}) {
    return TempDirTest::run(args, "", env, cwd);
  }
};

TEST_F(CliShellcheck, FixtureMatchesGolden) {
  REQUIRE_SHELLCHECK();
  const Outcome r =
      run({"check", "--shellcheck", "--select", "shellcheck", kFixture}, "", kFixtureDir);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "");
  const fs::path golden = kFixtureDir / (std::string(kFixture) + ".expected");
  if (const char* update = std::getenv("DFOPT_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(golden, std::ios::binary) << r.out;
  }
  EXPECT_EQ(r.out, read_file(golden)) << "regenerate with DFOPT_UPDATE_GOLDEN=1 and review";
}

TEST_F(CliShellcheck, SameOutputWhateverTheWorkers) {
  REQUIRE_SHELLCHECK();
  // Several copies, so that identical scripts of different files run once.
  const std::string text = read_file(kFixtureDir / kFixture);
  for (int i = 0; i < 6; ++i) file("d" + std::to_string(i) + "/Dockerfile", text);
  file("other/Dockerfile", "FROM alpine\nRUN echo $one\nRUN cd /x\n");
  const Outcome one = run({"check", "--shellcheck", "-j1", "--format", "json", "."});
  const Outcome threads =
      run({"check", "--shellcheck", "-j3", "--workers", "thread", "--format", "json", "."});
  const Outcome processes =
      run({"check", "--shellcheck", "-j2", "--workers", "process", "--format", "json", "."});
  EXPECT_EQ(one.status, 1) << one.err;
  EXPECT_EQ(one.out, threads.out);
  EXPECT_EQ(one.out, processes.out);
  const size_t per_copy =
      count(read_file(kFixtureDir / (std::string(kFixture) + ".expected")), "[SC2154]");
  EXPECT_GT(per_copy, 0u);
  EXPECT_EQ(count(one.out, "\"rule\": \"SC2154\""), 6 * per_copy + 1);
}

TEST_F(CliShellcheck, Sarif) {
  REQUIRE_SHELLCHECK();
  file("Dockerfile", "FROM alpine\nRUN echo $x\n");
  const Outcome r = run({"check", "--shellcheck", "--format", "sarif", "Dockerfile"});
  const nlohmann::json sarif = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(sarif.is_discarded()) << r.out;
  const auto& run0 = sarif["runs"][0];
  bool found = false;
  for (const auto& rule : run0["tool"]["driver"]["rules"]) {
    if (rule["id"] != "SC2086") continue;
    found = true;
    EXPECT_EQ(rule["helpUri"], "https://www.shellcheck.net/wiki/SC2086");
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
  }
  EXPECT_TRUE(found) << r.out;
  size_t sc = 0;
  for (const auto& result : run0["results"]) {
    if (result["ruleId"].get<std::string>().starts_with("SC")) {
      ++sc;
      EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
      EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 10);
    }
  }
  EXPECT_EQ(sc, 2u);  // SC2086 and SC2154 on $x
}

TEST_F(CliShellcheck, ConfigAndSelection) {
  REQUIRE_SHELLCHECK();
  file("Dockerfile", "FROM alpine\nRUN echo $x\n");
  // Off by default.
  EXPECT_EQ(count(run({"check", "Dockerfile"}).out, "[SC"), 0u);
  // --select of a code runs ShellCheck for it alone.
  const Outcome one = run({"check", "--select", "SC2154", "Dockerfile"});
  EXPECT_EQ(count(one.out, "[SC2154]"), 1u) << one.out << one.err;
  EXPECT_EQ(count(one.out, "[SC"), 1u);
  // The config's key turns it on; its ignore applies to --shellcheck too.
  file(".dfopt.yaml", "shellcheck: true\nignore: [SC2086]\n");
  const Outcome config = run({"check", "Dockerfile"});
  EXPECT_EQ(count(config.out, "[SC2154]"), 1u) << config.out << config.err;
  EXPECT_EQ(count(config.out, "[SC2086]"), 0u);
  fs::remove(dir_ / ".dfopt.yaml");
  file(".hadolint.yaml", "ignored: [SC2154]\noverride:\n  error: [SC2086]\n");
  const Outcome hadolint = run({"check", "--shellcheck", "Dockerfile"});
  EXPECT_EQ(count(hadolint.out, "[SC2154]"), 0u) << hadolint.out;
  EXPECT_EQ(count(hadolint.out, "error: double quote"), 1u) << hadolint.out;
  // --statistics names them.
  const Outcome stats = run({"check", "--shellcheck", "--statistics", "Dockerfile"});
  EXPECT_NE(stats.out.find("SC2086"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("shellcheck"), std::string::npos) << stats.out;
}

TEST_F(CliShellcheck, NotInstalledIsOneNote) {
  file("a/Dockerfile", "FROM alpine\nMAINTAINER jane\nRUN echo $x\n");
  file("b/Dockerfile", "FROM alpine\nMAINTAINER john\nRUN echo $y\n");
  const Outcome without = run({"check", "--select", "DF701", "."});
  const Outcome missing = run({"check", "--select", "DF701", "--shellcheck", "."},
                              "DFOPT_SHELLCHECK=" + shell_quote((dir_ / "none").string()));
  // Everything else is checked as without ShellCheck.
  EXPECT_EQ(missing.status, without.status);
  EXPECT_EQ(missing.out, without.out);
  EXPECT_EQ(count(missing.err, "note:"), 1u) << missing.err;
  EXPECT_NE(missing.err.find("ShellCheck was skipped: '" + (dir_ / "none").string() +
                             "' is not an executable file"),
            std::string::npos)
      << missing.err;
  EXPECT_NE(missing.err.find("or correct DFOPT_SHELLCHECK"), std::string::npos) << missing.err;
  // Not in PATH.
  fs::create_directories(dir_ / "empty-path");
  const Outcome no_path = run({"check", "--select", "DF701", "--shellcheck", "."},
                              "PATH=" + shell_quote((dir_ / "empty-path").string()));
  EXPECT_EQ(no_path.out, without.out);
  EXPECT_EQ(count(no_path.err, "note:"), 1u) << no_path.err;
  EXPECT_NE(no_path.err.find("'shellcheck' was not found in PATH; install ShellCheck"),
            std::string::npos)
      << no_path.err;
}

}  // namespace
