// The formatter: golden files (tests/format/<name>.Dockerfile and its <name>.formatted; set
// DFOPT_UPDATE_GOLDEN=1 to rewrite them) and the rules of the style one by one.
#include "dfopt/format.h"
#include "support/shared_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dfopt/parse.h"
#include "support/layout_free.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

std::string fmt_text(const std::string& text, const FormatOptions& options = {}) {
  const FormatResult r = format_source(SourceFile("Dockerfile", text), options);
  EXPECT_FALSE(r.error.has_value()) << *r.error;
  return r.text;
}

TEST(Format, Goldens) {
  const fs::path dir = fs::path(DFOPT_SOURCE_DIR) / "tests/format";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".Dockerfile") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  ASSERT_FALSE(inputs.empty());
  const bool update = std::getenv("DFOPT_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& in : inputs) {
    SCOPED_TRACE(in.filename().string());
    const SourceFile source(in.string(), read_bytes(in));
    const ParseResult parsed = parse(source);
    ASSERT_TRUE(parsed.ok());
    const std::string out = format(source, parsed.ast);
    fs::path golden = in;
    golden.replace_extension(".formatted");
    if (update) std::ofstream(golden, std::ios::binary) << out;
    EXPECT_EQ(out, read_bytes(golden));
    // Idempotent, and only layout changed.
    const SourceFile again(in.string(), out);
    const ParseResult reparsed = parse(again);
    ASSERT_TRUE(reparsed.ok());
    EXPECT_EQ(format(again, reparsed.ast), out);
    EXPECT_EQ(test::layout_free(source, parsed.ast), test::layout_free(again, reparsed.ast));
  }
}

TEST(Format, KeywordsAndSpacing) {
  EXPECT_EQ(fmt_text("from  alpine as base\n  run   echo hi   \n"),
            "FROM alpine AS base\nRUN echo hi\n");
  EXPECT_EQ(fmt_text("FROM alpine AS base\nRUN echo hi\n", {KeywordCase::lower, 4}),
            "from alpine as base\nrun echo hi\n");
  EXPECT_EQ(fmt_text("from Alpine\nRun echo\n", {KeywordCase::preserve, 4}),
            "from Alpine\nRun echo\n");
  EXPECT_EQ(fmt_text("FROM alpine\nhealthcheck   --retries=2  cmd true\nonbuild   run   x\n"),
            "FROM alpine\nHEALTHCHECK --retries=2  CMD true\nONBUILD RUN x\n");
}

TEST(Format, OnlyKeywordsChangeCase) {
  // `CONNECT` is not a HEALTHCHECK keyword: BuildKit reports it as written.
  EXPECT_EQ(fmt_text("FROM a\nHEALTHCHECK CONNECT TCP 7000\n", {KeywordCase::lower, 4}),
            "from a\nhealthcheck CONNECT TCP 7000\n");
  EXPECT_EQ(fmt_text("FROM a\nHEALTHCHECK none\n"), "FROM a\nHEALTHCHECK NONE\n");
}

TEST(Format, ContinuationIndent) {
  EXPECT_EQ(fmt_text("FROM a\nRUN a   \\\n b \\   \n\t\tc\n"),
            "FROM a\nRUN a \\\n    b \\\n    c\n");
  EXPECT_EQ(fmt_text("FROM a\nRUN a \\\n b\n", {KeywordCase::upper, 2}), "FROM a\nRUN a \\\n  b\n");
  // No blank at the junction: the words are joined, so the lines stay as written.
  EXPECT_EQ(fmt_text("FROM a\nRUN ec\\\nho hi\n"), "FROM a\nRUN ec\\\nho hi\n");
  // Inside quotes the blanks are part of the string.
  EXPECT_EQ(fmt_text("FROM a\nRUN echo \"x  \\\n   y\"\n"), "FROM a\nRUN echo \"x  \\\n   y\"\n");
  EXPECT_EQ(fmt_text("FROM a\nENV A='x  \\\n   y'\n"), "FROM a\nENV A='x  \\\n   y'\n");
  // Comment lines inside a continuation are indented like the words.
  EXPECT_EQ(fmt_text("FROM a\nRUN a \\\n# note  \n  b\n"), "FROM a\nRUN a \\\n    # note\n    b\n");
}

TEST(Format, BlankLinesAndEnd) {
  EXPECT_EQ(fmt_text("\n\nFROM a\n\n\n\nRUN b\n\n\n"), "FROM a\n\nRUN b\n");
  EXPECT_EQ(fmt_text("FROM a"), "FROM a\n");
  EXPECT_EQ(fmt_text("FROM a\r\n\r\n\r\nRUN b"), "FROM a\r\n\r\nRUN b\r\n");
}

TEST(Format, KeepsContent) {
  const std::string heredoc = "FROM a\nRUN <<EOF\n  x   \n\n\nEOF\n";
  EXPECT_EQ(fmt_text(heredoc), heredoc);
  const std::string json = "FROM a\nCMD [\"a\",   \"b  c\"]\n";
  EXPECT_EQ(fmt_text(json), json);
  const std::string bom =
      "\xEF\xBB\xBF"
      "FROM a\n";
  EXPECT_EQ(fmt_text("\xEF\xBB\xBF"
                     "from a\n"),
            bom);
  const std::string backtick = "# escape=`\nFROM a\nCOPY a `\n    b\n";
  EXPECT_EQ(fmt_text("# escape=`\nfrom a\ncopy a `\n  b\n"), backtick);
}

TEST(Format, UnparsableFileIsLeftAlone) {
  const std::string broken = "FROM a\nENV A\n  run   x\n";
  const FormatResult r = format_source(SourceFile("Dockerfile", broken));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_NE(r.error->find("2:"), std::string::npos) << *r.error;
  EXPECT_EQ(r.text, broken);
  EXPECT_FALSE(r.changed);
}

}  // namespace
}  // namespace dfopt
