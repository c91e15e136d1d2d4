// `dfopt check`, `dfopt rules` and `dfopt explain` end to end: runs the built binary
// (DFOPT_BINARY) and checks exit statuses (0 clean, 1 findings at or above the fail level, 2 usage
// or I/O errors), outputs, config discovery and the corpus file count.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

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

size_t count_lines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

class CliCheck : public dfopt::test::TempDirTest {};

constexpr const char* kClean = "FROM alpine:3.20\nRUN echo hi\n";
constexpr const char* kMaintainer = "FROM alpine:3.20\nMAINTAINER jane\n";

TEST_F(CliCheck, ExitZeroWhenClean) {
  file("Dockerfile", kClean);
  const Outcome r = run({"check", "--select", "DF701", "Dockerfile"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
}

TEST_F(CliCheck, ExitOneOnFindings) {
  file("Dockerfile", kMaintainer);
  const Outcome r = run({"check", "--select", "DF701", "Dockerfile"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("maintainer-instruction"), std::string::npos) << r.out;
}

TEST_F(CliCheck, CheckIsTheDefaultCommand) {
  file("Dockerfile", kMaintainer);
  EXPECT_EQ(run({"Dockerfile", "--select", "DF701"}).status, 1);
  EXPECT_EQ(run({"--select", "DF701", "Dockerfile"}).status, 1);
  // No path: the current directory.
  EXPECT_EQ(run({"--select", "DF701"}).status, 1);
  EXPECT_EQ(run({"--select=DF701", "-j1"}).status, 1);
}

TEST_F(CliCheck, FailLevel) {
  file("Dockerfile", kMaintainer);  // DF701 is a warning
  EXPECT_EQ(run({"check", "--select", "DF701", "--fail-level", "error", "Dockerfile"}).status, 0);
  EXPECT_EQ(run({"check", "--select", "DF701", "--fail-level", "warning", "Dockerfile"}).status, 1);
  EXPECT_EQ(run({"check", "--select", "DF701", "--fail-level", "none", "Dockerfile"}).status, 0);
  EXPECT_EQ(run({"check", "--select", "DF701", "--fail-level", "fatal", "Dockerfile"}).status, 2);
  // The config's fail-level applies when the command line gives none.
  file(".dfopt.yaml", "fail-level: error\n");
  EXPECT_EQ(run({"check", "--select", "DF701", "Dockerfile"}).status, 0);
  EXPECT_EQ(run({"check", "--select", "DF701", "--fail-level", "style", "Dockerfile"}).status, 1);
}

TEST_F(CliCheck, UsageAndIoErrorsExitTwo) {
  file("Dockerfile", kMaintainer);
  const Outcome unknown = run({"check", "--select", "maintainer-instructoin", "Dockerfile"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("did you mean 'maintainer-instruction'"), std::string::npos)
      << unknown.err;
  EXPECT_EQ(run({"check", "--ignore", "nope", "Dockerfile"}).status, 2);
  const Outcome missing = run({"check", "missing/Dockerfile"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("missing/Dockerfile"), std::string::npos);
  // An I/O error wins over findings.
  EXPECT_EQ(run({"check", "--select", "DF701", "Dockerfile", "missing"}).status, 2);
  EXPECT_EQ(run({"check", "--no-such-flag"}).status, 2);
  EXPECT_EQ(run({"check", "--format", "yaml", "Dockerfile"}).status, 2);
}

TEST_F(CliCheck, SyntaxErrorsFailWhateverTheSelection) {
  file("Dockerfile", "FROM alpine\nRUN <<EOF\nhi\n");
  const Outcome r = run({"check", "--select", "DF701", "Dockerfile"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("syntax-error"), std::string::npos) << r.out;
}

TEST_F(CliCheck, StdinWithFilename) {
  file("sub/.dfopt.yaml", "select: []\n");
  const Outcome plain = run({"check", "--select", "DF701", "-"}, kMaintainer);
  EXPECT_EQ(plain.status, 1);
  const Outcome named =
      run({"check", "--select", "DF701", "--stdin-filename", "named.Dockerfile", "-"}, kMaintainer);
  EXPECT_EQ(named.status, 1);
  EXPECT_NE(named.out.find("named.Dockerfile"), std::string::npos) << named.out;
  // The name also picks the config (sub/.dfopt.yaml selects nothing); with no PATH, stdin is read.
  const Outcome configured = run({"check", "--stdin-filename", "sub/Dockerfile"}, kMaintainer);
  EXPECT_EQ(configured.status, 0) << configured.out << configured.err;
}

TEST_F(CliCheck, ConfigWalkUpAndHadolint) {
  file("a/b/Dockerfile", kMaintainer);
  file("a/.hadolint.yaml", "ignored: [DL4000]\n");
  // hadolint's `ignored` switches DF701 off (through its alias DL4000)...
  EXPECT_EQ(run({"check", "--statistics", "a"}).out.find("DF701"), std::string::npos);
  // ... and the command line layers on top of the config.
  EXPECT_NE(run({"check", "--extend-select", "DF701", "--statistics", "a"}).out.find("DF701"),
            std::string::npos);
  // A dfopt config further up wins over the nearer hadolint one.
  file(".dfopt.yaml", "select: [DF701]\n");
  const Outcome r = run({"check", "a"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("maintainer-instruction"), std::string::npos);
  // --config replaces the lookup.
  file("other.yaml", "select: [DF901]\n");
  EXPECT_EQ(run({"check", "--config", "other.yaml", "a"}).status, 0);
}

TEST_F(CliCheck, ConfigWarningsAndErrors) {
  file("Dockerfile", kClean);
  file(".dfopt.yaml", "selct: [DF701]\n");
  const Outcome warn = run({"check", "Dockerfile"});
  EXPECT_NE(warn.err.find(".dfopt.yaml:1:1: warning: unknown config key 'selct'"),
            std::string::npos)
      << warn.err;
  file(".dfopt.yaml", "select: [\n");
  const Outcome bad = run({"check", "Dockerfile"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("error: invalid YAML"), std::string::npos) << bad.err;
}

TEST_F(CliCheck, Pragmas) {
  file("Dockerfile",
       "FROM alpine\n# dfopt ignore=DF701\nMAINTAINER a\n# hadolint ignore=DL4000\nMAINTAINER b\n");
  EXPECT_EQ(run({"check", "--select", "DF701", "Dockerfile"}).status, 0);
  file("Dockerfile", "# check=skip=MaintainerDeprecated\nFROM alpine\nMAINTAINER a\n");
  EXPECT_EQ(run({"check", "--select", "DF701", "Dockerfile"}).status, 0);
  file("Dockerfile", "FROM alpine\n# dfopt ignore=nope\nRUN true\n");
  const Outcome r = run({"check", "--select", "DF701,unknown-rule", "Dockerfile"});
  EXPECT_EQ(r.status, 1);  // the unknown-rule warning is a finding
  EXPECT_NE(r.out.find("unknown-rule"), std::string::npos) << r.out;
  // ... of a rule that can be deselected like any other.
  EXPECT_EQ(run({"check", "--select", "DF701,DF903", "--ignore", "unknown-rule", "Dockerfile"})
                .status,
            0);
  EXPECT_EQ(run({"check", "--select", "DF701", "Dockerfile"}).status, 0);
}

TEST_F(CliCheck, SeveralReportsInOneRun) {
  file("Dockerfile", kMaintainer);
  const Outcome r = run({"check", "--select", "DF701", "--format", "text", "--format", "sarif",
                         "--output", "report.sarif", "--format", "json:report.json", "Dockerfile"});
  ASSERT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("maintainer-instruction"), std::string::npos);
  const auto sarif = nlohmann::json::parse(read_file(dir_ / "report.sarif"), nullptr, false);
  EXPECT_FALSE(sarif.is_discarded());
  EXPECT_EQ(sarif.value("version", ""), "2.1.0");
  const auto json = nlohmann::json::parse(read_file(dir_ / "report.json"), nullptr, false);
  EXPECT_FALSE(json.is_discarded());
  // --output alone writes text.
  EXPECT_EQ(run({"check", "--select", "DF701", "-o", "r.txt", "Dockerfile"}).out, "");
  EXPECT_NE(read_file(dir_ / "r.txt").find("maintainer-instruction"), std::string::npos);
  // Two reports on stdout, or an output with no format: usage errors.
  EXPECT_EQ(run({"check", "--format", "text", "--format", "json", "Dockerfile"}).status, 2);
  EXPECT_EQ(run({"check", "--format", "json:a", "-o", "b", "Dockerfile"}).status, 2);
}

TEST_F(CliCheck, DeterministicOrderWithJobs) {
  for (int i = 0; i < 80; ++i) {
    file("d" + std::to_string(i % 7) + "/x" + std::to_string(i) + ".Dockerfile", kMaintainer);
  }
  const Outcome one = run({"check", "--select", "DF701", "-j1", "."});
  const Outcome procs = run({"check", "--select", "DF701", "-j3", "--workers", "process", "."});
  const Outcome threads = run({"check", "--select", "DF701", "-j3", "--workers", "thread", "."});
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(one.out, procs.out);
  EXPECT_EQ(one.out, threads.out);
  const Outcome files = run({"check", "--show-files", "."});
  EXPECT_EQ(count_lines(files.out), 80u);
}

TEST_F(CliCheck, Statistics) {
  file("a.Dockerfile", kMaintainer);
  file("b.Dockerfile", "FROM alpine\nMAINTAINER x\nMAINTAINER y\n");
  const Outcome r = run({"check", "--select", "DF701", "--statistics", "."});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("      3  DF701"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("maintainer-instruction"), std::string::npos);
  EXPECT_NE(r.out.find("Found 3 findings in 2 of 2 files checked."), std::string::npos) << r.out;
}

TEST_F(CliCheck, RulesJsonContract) {
  const Outcome r = run({"rules", "--format", "json"});
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_array());
  ASSERT_FALSE(j.empty());
  bool saw_df701 = false;
  for (const auto& rule : j) {
    for (const char* key : {"id", "name", "category", "severity"}) {
      EXPECT_TRUE(rule.contains(key) && rule[key].is_string()) << key;
    }
    EXPECT_TRUE(rule["aliases"].is_array());
    for (const auto& a : rule["aliases"]) EXPECT_TRUE(a.is_string());
    EXPECT_TRUE(rule["fixable"].is_boolean());
    if (rule["id"] == "DF701") {
      saw_df701 = true;
      EXPECT_EQ(rule["name"], "maintainer-instruction");
      EXPECT_EQ(rule["fixable"], true);
    }
  }
  EXPECT_TRUE(saw_df701);
  EXPECT_EQ(run({"rules"}).status, 0);
}

TEST_F(CliCheck, Explain) {
  const Outcome r = run({"explain", "DL4000"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("# maintainer-instruction (DF701)"), std::string::npos);
  EXPECT_NE(r.out.find("## Why is this bad?"), std::string::npos);
  const Outcome bad = run({"explain", "maintainer-instr"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("did you mean 'maintainer-instruction'"), std::string::npos) << bad.err;
}

TEST_F(CliCheck, FindsEveryCorpusFile) {
  const fs::path corpus = fs::path(DFOPT_SHARED_DIR) / "corpus" / "real" / "files";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << corpus << " is absent";
  const Outcome r = run({"check", "--show-files", corpus.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 4263u);
}

}  // namespace
