// `dfopt format [--check] [--diff] [PATHS...|-]` end to end: runs the built binary
// (DFOPT_BINARY) on files in a temporary directory and checks what is written, what is printed
// and the exit statuses.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using dfopt::test::Outcome;
using dfopt::test::read_file;
using dfopt::test::shell_quote;

class CliFormat : public dfopt::test::TempDirTest {};

constexpr const char* kMessy = "from alpine:3.20 as base\nrun   apk add curl \\\n  git   \n\n\n";
constexpr const char* kClean = "FROM alpine:3.20 AS base\nRUN apk add curl \\\n    git\n";

TEST_F(CliFormat, RewritesFilesInPlaceKeepingTheMode) {
  const fs::path p = file("Dockerfile", kMessy);
  ::chmod(p.c_str(), 0640);
  const Outcome r = run({"format", "Dockerfile"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(p), kClean);
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_NE(r.err.find("1 file reformatted"), std::string::npos) << r.err;
  // Already formatted: nothing is written.
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  const Outcome again = run({"format", "Dockerfile"});
  EXPECT_EQ(again.status, 0);
  struct stat after {};
  ASSERT_EQ(::stat(p.c_str(), &after), 0);
  EXPECT_EQ(st.st_ino, after.st_ino);
  EXPECT_NE(again.err.find("1 file left unchanged"), std::string::npos) << again.err;
}

TEST_F(CliFormat, DirectoriesAndOptions) {
  const fs::path a = file("a/Dockerfile", kMessy);
  const fs::path b = file("b/api.Dockerfile", "FROM alpine\nRUN a \\\n    b\n");
  file("b/notes.txt", "run   me\n");
  const Outcome r = run({"format", "--keyword-case", "lower", "--indent", "2", "."});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(a), "from alpine:3.20 as base\nrun apk add curl \\\n  git\n");
  EXPECT_EQ(read_file(b), "from alpine\nrun a \\\n  b\n");
  EXPECT_EQ(read_file(dir_ / "b/notes.txt"), "run   me\n");
}

TEST_F(CliFormat, CheckListsFilesThatWouldChange) {
  const fs::path messy = file("Dockerfile", kMessy);
  file("clean.Dockerfile", kClean);
  const Outcome r = run({"format", "--check", "Dockerfile", "clean.Dockerfile"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "would reformat Dockerfile\n");
  EXPECT_EQ(read_file(messy), kMessy);
  EXPECT_EQ(run({"format", "--check", "clean.Dockerfile"}).status, 0);
}

TEST_F(CliFormat, DiffPrintsAUnifiedDiff) {
  const fs::path p = file("Dockerfile", kMessy);
  const Outcome r = run({"format", "--diff", "Dockerfile"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("--- a/Dockerfile"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+++ b/Dockerfile"), std::string::npos);
  EXPECT_NE(r.out.find("@@ -1,5 +1,3 @@\n-from alpine:3.20 as base\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+FROM alpine:3.20 AS base\n+RUN apk add curl \\\n+    git\n"), std::string::npos)
      << r.out;
  EXPECT_EQ(read_file(p), kMessy);
  file("clean.Dockerfile", kClean);
  const Outcome clean = run({"format", "--diff", "clean.Dockerfile"});
  EXPECT_EQ(clean.status, 0);
  EXPECT_EQ(clean.out, "");
}

TEST_F(CliFormat, StandardInputToStandardOutput) {
  const Outcome r = run({"format", "-"}, kMessy);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kClean);
  EXPECT_EQ(r.err, "");
  const Outcome check = run({"format", "--check", "-"}, kMessy);
  EXPECT_EQ(check.status, 1);
  EXPECT_EQ(check.out, "would reformat <stdin>\n");
}

TEST_F(CliFormat, FilesThatDoNotParseAreLeftAlone) {
  const std::string broken = "FROM alpine\nENV A\n  run   x\n";
  const fs::path p = file("Dockerfile", broken);
  const Outcome r = run({"format", "Dockerfile"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(read_file(p), broken);
  EXPECT_NE(r.err.find("Dockerfile:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not formatted"), std::string::npos) << r.err;
  const Outcome missing = run({"format", "nope/Dockerfile"});
  EXPECT_EQ(missing.status, 2);
}

}  // namespace
