// `dfopt check --fix/--unsafe-fixes/--diff/--show-fixes/--add-ignore` end to end: runs the built
// binary (DFOPT_BINARY) on files in a temporary directory and checks what is written, what is
// printed and the exit statuses.
#include <gtest/gtest.h>
#include <sys/stat.h>
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

class CliFix : public dfopt::test::TempDirTest {};

// Safe fixes: from-as-casing (DF206), legacy-key-value-format (DF703). Unsafe: maintainer
// (DF701). No fix: untagged-base-image (DF501).
constexpr const char* kSelect = "DF206,DF703,DF701";
constexpr const char* kText = "FROM alpine:3.20 as build\nENV A 1\nMAINTAINER me\n";
constexpr const char* kSafeFixed = "FROM alpine:3.20 AS build\nENV A=1\nMAINTAINER me\n";

TEST_F(CliFix, FixWritesSafeFixesAndKeepsTheMode) {
  const fs::path p = file("Dockerfile", kText);
  ::chmod(p.c_str(), 0640);
  const Outcome r = run({"--fix", "--select", kSelect, "Dockerfile"});
  // The unsafe fix is left: its finding remains and decides the exit status.
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_EQ(read_file(p), kSafeFixed);
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_NE(r.out.find("Found 3 problems (2 fixed, 1 remaining: 1 warning); 1 fixable with "
                       "--unsafe-fixes"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("maintainer-instruction"), std::string::npos);
  // No temporary file is left behind.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir_)) entries += e.path().filename() != ".in";
  EXPECT_EQ(entries, 1u);
}

TEST_F(CliFix, FixKeepsTheOwner) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file another owner";
  const fs::path p = file("Dockerfile", kText);
  ASSERT_EQ(::chown(p.c_str(), 65534, 65534), 0);
  ::chmod(p.c_str(), 04754);  // set-user-ID survives too (chown before chmod)
  EXPECT_EQ(run({"--fix", "--select", kSelect, "Dockerfile"}).status, 1);
  EXPECT_EQ(read_file(p), kSafeFixed);
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65534u);
  EXPECT_EQ(st.st_gid, 65534u);
  EXPECT_EQ(st.st_mode & 07777, 04754u);
}

TEST_F(CliFix, SecondFixChangesNothingAndDoesNotWrite) {
  const fs::path p = file("Dockerfile", kText);
  ASSERT_EQ(run({"--fix", "--select", kSelect, "Dockerfile"}).status, 1);
  struct stat before {};
  ASSERT_EQ(::stat(p.c_str(), &before), 0);
  const Outcome r = run({"--fix", "--select", kSelect, "Dockerfile"});
  EXPECT_EQ(r.status, 1);
  struct stat after {};
  ASSERT_EQ(::stat(p.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino) << "the file was replaced";
  EXPECT_EQ(read_file(p), kSafeFixed);
  EXPECT_NE(r.out.find("Found 1 problem (1 warning); 1 fixable with --unsafe-fixes"),
            std::string::npos)
      << r.out;
}

TEST_F(CliFix, UnsafeFixesFixEverything) {
  const fs::path p = file("Dockerfile", kText);
  const Outcome r = run({"check", "--fix", "--unsafe-fixes", "--select", kSelect, "Dockerfile"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(read_file(p),
            "FROM alpine:3.20 AS build\nENV A=1\nLABEL org.opencontainers.image.authors=\"me\"\n");
  EXPECT_NE(r.out.find("Found 3 problems (3 fixed, 0 remaining)"), std::string::npos) << r.out;
}

TEST_F(CliFix, DiffPrintsAndWritesNothing) {
  const fs::path p = file("Dockerfile", kText);
  const Outcome r = run({"--diff", "--select", kSelect, "Dockerfile"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(read_file(p), kText);
  EXPECT_EQ(r.out,
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n"
            "-FROM alpine:3.20 as build\n-ENV A 1\n+FROM alpine:3.20 AS build\n+ENV A=1\n"
            " MAINTAINER me\n");
  EXPECT_NE(r.err.find("Would fix 2 problems in 1 file (1 more with --unsafe-fixes)"),
            std::string::npos)
      << r.err;
  // Nothing left to change: exit 0 and no output, whatever findings remain.
  ASSERT_EQ(run({"--fix", "--select", kSelect, "Dockerfile"}).status, 1);
  const Outcome clean = run({"--diff", "--select", kSelect, "Dockerfile"});
  EXPECT_EQ(clean.status, 0) << clean.err;
  EXPECT_EQ(clean.out, "");
}

TEST_F(CliFix, DiffIsNotAReport) {
  file("Dockerfile", kText);
  EXPECT_EQ(run({"--diff", "--format", "json", "Dockerfile"}).status, 2);
  EXPECT_EQ(run({"--diff", "--statistics", "Dockerfile"}).status, 2);
}

TEST_F(CliFix, StdinFixPrintsTheFixedText) {
  const Outcome r = run({"--fix", "--select", kSelect, "-"}, kText);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, kSafeFixed);
  // The report goes to stderr.
  EXPECT_NE(r.err.find("maintainer-instruction"), std::string::npos) << r.err;
  // Unchanged input is printed as it is.
  const Outcome same =
      run({"--fix", "--select", "DF206", "--stdin-filename", "x.Dockerfile"}, kSafeFixed);
  EXPECT_EQ(same.status, 0) << same.err;
  EXPECT_EQ(same.out, kSafeFixed);
  // --diff on stdin labels the diff with --stdin-filename.
  const Outcome diff =
      run({"--diff", "--select", kSelect, "--stdin-filename", "app/Dockerfile"}, kText);
  EXPECT_EQ(diff.status, 1);
  EXPECT_EQ(diff.out.substr(0, 44), "--- a/app/Dockerfile\n+++ b/app/Dockerfile\n@@");
}

TEST_F(CliFix, ShowFixesListsEachFix) {
  file("Dockerfile", kText);
  const Outcome r = run({"--fix", "--show-fixes", "--select", kSelect, "Dockerfile"});
  EXPECT_NE(r.out.find("Fixed 2 problems:\n"
                       "  Dockerfile:1:18: Write `AS` [from-as-casing]\n"
                       "  Dockerfile:2:5: Use the `key=value` form [legacy-key-value-format]\n"),
            std::string::npos)
      << r.out;
}

TEST_F(CliFix, JsonAfterFixCountsTheFixed) {
  file("Dockerfile", kText);
  const Outcome r = run({"--fix", "--select", kSelect, "--format", "json", "Dockerfile"});
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["summary"]["fixed"], 2);
  EXPECT_EQ(j["summary"]["problems"], 1);
  EXPECT_EQ(j["files"][0]["diagnostics"][0]["fix"]["applicability"], "unsafe");
}

TEST_F(CliFix, PreservesBytesOfCrlfFilesWithoutFinalNewline) {
  const std::string text =
      "\xEF\xBB\xBF"
      "FROM alpine:3.20 as b\r\n# c\r\nENV A \\\r\n  1";
  const fs::path p = file("Dockerfile", text);
  EXPECT_EQ(run({"--fix", "--select", kSelect, "Dockerfile"}).status, 0);
  EXPECT_EQ(read_file(p),
            "\xEF\xBB\xBF"
            "FROM alpine:3.20 AS b\r\n# c\r\nENV A=1");
}

TEST_F(CliFix, FollowsSymbolicLinks) {
  const fs::path real = file("real/Dockerfile", kText);
  fs::create_symlink("real/Dockerfile", dir_ / "Dockerfile");
  EXPECT_EQ(run({"--fix", "--select", "DF206,DF703", "Dockerfile"}).status, 0);
  EXPECT_TRUE(fs::is_symlink(dir_ / "Dockerfile"));
  EXPECT_EQ(read_file(real), kSafeFixed);
}

// A fixed selection, so that rules added to the defaults do not change the expected pragmas.
constexpr const char* kIgnoreSelect = "DF410,DF501,DF701,DF702,DF708";

TEST_F(CliFix, AddIgnoreIsIdempotentAndLeavesNoFinding) {
  const fs::path p = file("Dockerfile",
                          "FROM alpine\r\nMAINTAINER me\r\n  # dfopt ignore=DF702\r\n"
                          "  add . /app\r\nEXPOSE 22");
  const Outcome first = run({"--add-ignore", "--select", kIgnoreSelect, "Dockerfile"});
  EXPECT_EQ(first.status, 0) << first.out << first.err;
  EXPECT_NE(first.err.find("Added 3 `# dfopt ignore=` pragmas and extended 1 existing one in "
                           "1 file"),
            std::string::npos)
      << first.err;
  const std::string once = read_file(p);
  EXPECT_EQ(once,
            "# dfopt ignore=DF501\r\nFROM alpine\r\n# dfopt ignore=DF701\r\nMAINTAINER me\r\n"
            "  # dfopt ignore=DF702,DF708\r\n  add . /app\r\n# dfopt ignore=DF410\r\nEXPOSE 22");
  const Outcome second = run({"--add-ignore", "--select", kIgnoreSelect, "Dockerfile"});
  EXPECT_EQ(second.status, 0);
  EXPECT_EQ(read_file(p), once);
  EXPECT_NE(second.err.find("Added 0 `# dfopt ignore=` pragmas in 0 files"), std::string::npos)
      << second.err;
  const Outcome check = run({"--select", kIgnoreSelect, "Dockerfile"});
  EXPECT_EQ(check.status, 0) << check.out;
  EXPECT_NE(check.out.find("No problems found"), std::string::npos);
}

TEST_F(CliFix, AddIgnoreAfterFix) {
  const fs::path p = file("Dockerfile", kText);
  EXPECT_EQ(run({"--fix", "--add-ignore", "--select", kSelect, "Dockerfile"}).status, 0);
  EXPECT_EQ(read_file(p),
            "FROM alpine:3.20 AS build\nENV A=1\n# dfopt ignore=DF701\nMAINTAINER me\n");
}

TEST_F(CliFix, AddIgnoreNeverHidesSyntaxErrors) {
  const fs::path p = file("Dockerfile", "FROM alpine\nRUN <<EOF\nhi\n");
  const Outcome r = run({"--add-ignore", "Dockerfile"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(read_file(p), "FROM alpine\nRUN <<EOF\nhi\n");
  EXPECT_NE(r.err.find("not fixed: the file has syntax errors"), std::string::npos) << r.err;
}

TEST_F(CliFix, ManyFilesInParallel) {
  // Enough files for worker processes: results come back through the pipe.
  auto name = [](int i) { return std::to_string(i).append("/Dockerfile"); };
  for (int i = 0; i < 80; ++i) file(name(i), kText);
  const Outcome r = run({"--fix", "-j2", "--select", kSelect, "."});
  EXPECT_EQ(r.status, 1) << r.err;
  for (int i = 0; i < 80; ++i) EXPECT_EQ(read_file(dir_ / name(i)), kSafeFixed);
  EXPECT_NE(r.out.find("(160 fixed, 80 remaining"), std::string::npos)
      << r.out.substr(r.out.size() - 200);
}

}  // namespace
