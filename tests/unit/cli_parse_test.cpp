// `dfopt parse` end to end: runs the built binary (DFOPT_BINARY) on temporary files and checks
// exit statuses (0 clean, 1 syntax errors, 2 usage or I/O errors), stderr and stdout.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using dfopt::test::Outcome;
using dfopt::test::read_file;
using dfopt::test::shell_quote;
using dfopt::test::write_file;

class CliParse : public dfopt::test::TempDirTest {
 protected:
  /// Runs `dfopt <args>` from the test's working directory with stdin from `stdin_text`.
  Outcome run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    return TempDirTest::run(args, stdin_text, "", fs::current_path());
  }
};

constexpr const char* good_dockerfile = "FROM alpine AS base\nRUN echo hi\n";
constexpr const char* good_dump = "(from \"alpine\" \"AS\" \"base\")\n(run \"echo hi\")\n";

TEST_F(CliParse, CleanFilePrintsBuildkitDump) {
  const fs::path df = file("Dockerfile", good_dockerfile);
  const Outcome r = run({"parse", "--format", "buildkit", df.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, good_dump);
  EXPECT_EQ(r.err, "");
}

TEST_F(CliParse, DefaultFormatIsBuildkit) {
  const fs::path df = file("Dockerfile", good_dockerfile);
  const Outcome r = run({"parse", df.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, good_dump);
}

TEST_F(CliParse, ReadsStandardInput) {
  const Outcome r = run({"parse", "--format=buildkit", "-"}, good_dockerfile);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, good_dump);
}

TEST_F(CliParse, SeveralFilesGetHeaders) {
  const fs::path a = file("a.Dockerfile", "FROM a\n");
  const fs::path b = file("b.Dockerfile", "FROM b\n");
  const Outcome r = run({"parse", a.string(), b.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "==> " + a.string() + " <==\n(from \"a\")\n==> " + b.string() + " <==\n(from \"b\")\n");
}

TEST_F(CliParse, SyntaxErrorExitsOneWithCompilerStyleMessage) {
  const fs::path df = file("Dockerfile", "FROM alpine\nENV ONLYKEY\n");
  const Outcome r = run({"parse", "--format", "buildkit", df.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  std::string pattern = "^";
  pattern += std::regex_replace(df.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
  pattern += R"(:2:\d+: error: [^\n]+\n)";
  const std::regex expected(pattern);
  EXPECT_TRUE(std::regex_search(r.err, expected)) << r.err;
}

TEST_F(CliParse, EmptyFileIsASyntaxError) {
  const fs::path df = file("Dockerfile", "");
  const Outcome r = run({"parse", df.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(df.string() + ":1:1: error: "), std::string::npos) << r.err;
}

TEST_F(CliParse, MissingFileExitsTwo) {
  const fs::path missing = dir_ / "nope";
  const Outcome r = run({"parse", missing.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "dfopt: error: cannot read '" + missing.string() + "': No such file or directory\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(CliParse, DirectoryExitsTwo) {
  const Outcome r = run({"parse", dir_.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "dfopt: error: cannot read '" + dir_.string() + "': Is a directory\n");
}

TEST_F(CliParse, TooLargeFileIsRefusedUnread) {
  const fs::path big = dir_ / "big";
  write_file(big, "");
  fs::resize_file(big, (16u << 20) + 1);  // sparse: the CLI must refuse it before reading
  const Outcome r = run({"parse", big.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("dfopt: error: cannot read '" + big.string() + "': file is too large"),
            std::string::npos)
      << r.err;
}

TEST_F(CliParse, IoErrorWinsOverSyntaxErrorAndOtherFilesCarryOn) {
  const fs::path bad = file("bad", "ENV X\n");
  const fs::path good = file("good", "FROM a\n");
  const Outcome r = run({"parse", bad.string(), (dir_ / "missing").string(), good.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("(from \"a\")\n"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(bad.string() + ":1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
}

TEST_F(CliParse, JsonFormat) {
  const fs::path df = file("Dockerfile", good_dockerfile);
  const Outcome r = run({"parse", "--format", "json", df.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc["path"], df.string());
  ASSERT_EQ(doc["instructions"].size(), 2u);
  const auto& run_instr = doc["instructions"][1];
  EXPECT_EQ(run_instr["kind"], "run");
  EXPECT_EQ(run_instr["keyword"]["value"], "RUN");
  EXPECT_EQ(run_instr["keyword"]["range"]["start"]["line"], 2);
  EXPECT_EQ(run_instr["keyword"]["range"]["start"]["column"], 1);
  EXPECT_EQ(run_instr["keyword"]["range"]["start"]["offset"], 20);
  EXPECT_EQ(run_instr["keyword"]["range"]["end"]["column"], 4);
  EXPECT_EQ(run_instr["args"][0]["value"], "echo hi");
  EXPECT_EQ(doc["instructions"][0]["from_name"]["value"], "base");
}

TEST_F(CliParse, UsageErrorsExitTwo) {
  const fs::path df = file("Dockerfile", good_dockerfile);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},                                         // no subcommand
           {"parse"},                                  // no file
           {"parse", "--format", "xml", df.string()},  // bad format
           {"parse", "--no-such-flag", df.string()},   // unknown option
           {"frobnicate"},                             // unknown subcommand
       }) {
    const Outcome r = run(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    EXPECT_EQ(r.status, 2) << "dfopt " << joined;
    EXPECT_EQ(r.err.rfind("dfopt: error: ", 0), 0u) << "dfopt " << joined << "\n" << r.err;
    EXPECT_EQ(r.out, "") << "dfopt " << joined;
  }
}

TEST_F(CliParse, VersionAndHelp) {
  const Outcome v = run({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(
      std::regex_match(v.out, std::regex(R"(dfopt \d+\.\d+\.\d+ \(commit [^)\s]+\)\n)")))
      << v.out;
  const Outcome h = run({"parse", "--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("--format"), std::string::npos) << h.out;
}

}  // namespace
