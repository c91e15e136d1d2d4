// The unified diff writer and line edits: format details (hunk headers, context merging,
// missing final newlines, CRLF, colour), minimality against an LCS table on random inputs, and
// round trips (applying the diff or the edits gives the new text back).
#include "dfopt/diff.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace dfopt {
namespace {

std::string numbered(int from, int to, const std::string& suffix = "") {
  std::string out;
  for (int i = from; i <= to; ++i) out += "line " + std::to_string(i) + suffix + "\n";
  return out;
}

TEST(UnifiedDiff, EqualTextsGiveNothing) {
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "Dockerfile"), "");
  EXPECT_EQ(unified_diff("", "", "Dockerfile"), "");
}

TEST(UnifiedDiff, OneChangedLine) {
  EXPECT_EQ(unified_diff("a\nb\nc\n", "a\nB\nc\n", "Dockerfile"),
            "--- a/Dockerfile\n"
            "+++ b/Dockerfile\n"
            "@@ -1,3 +1,3 @@\n"
            " a\n"
            "-b\n"
            "+B\n"
            " c\n");
}

TEST(UnifiedDiff, ThreeLinesOfContextAndHunkMerging) {
  const std::string before = numbered(1, 20);
  std::string after = before;
  after.replace(after.find("line 2\n"), 7, "line two\n");
  after.replace(after.find("line 18\n"), 8, "line eighteen\n");
  EXPECT_EQ(unified_diff(before, after, "D"),
            "--- a/D\n+++ b/D\n"
            "@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n"
            "@@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+line eighteen\n"
            " line 19\n line 20\n");
  // Changes 6 unchanged lines apart share a hunk; 7 apart do not.
  std::string close = before;
  close.replace(close.find("line 9\n"), 7, "line nine\n");
  close.replace(close.find("line 2\n"), 7, "line two\n");
  EXPECT_EQ(unified_diff(before, close, "D").find("\n@@", 20), std::string::npos);
  std::string apart = before;
  apart.replace(apart.find("line 10\n"), 8, "line ten\n");
  apart.replace(apart.find("line 2\n"), 7, "line two\n");
  EXPECT_NE(unified_diff(before, apart, "D").find("\n@@", 20), std::string::npos);
}

TEST(UnifiedDiff, MissingFinalNewline) {
  EXPECT_EQ(unified_diff("a\nb", "a\nc", "D"),
            "--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
            "+c\n\\ No newline at end of file\n");
  EXPECT_EQ(unified_diff("a", "a\n", "D"),
            "--- a/D\n+++ b/D\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
  // An unchanged last line without a newline, shown as context.
  EXPECT_EQ(unified_diff("x\nz", "y\nz", "D"),
            "--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n-x\n+y\n z\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, EmptySides) {
  EXPECT_EQ(unified_diff("", "a\n", "D"), "--- a/D\n+++ b/D\n@@ -0,0 +1 @@\n+a\n");
  EXPECT_EQ(unified_diff("a\nb\n", "", "D"), "--- a/D\n+++ b/D\n@@ -1,2 +0,0 @@\n-a\n-b\n");
  // Pure insertion after line 2: the empty side names the line before.
  EXPECT_EQ(unified_diff("a\nb\n", "a\nb\nc\n", "D"),
            "--- a/D\n+++ b/D\n@@ -1,2 +1,3 @@\n a\n b\n+c\n");
}

TEST(UnifiedDiff, CrlfLinesKeepTheirEndings) {
  EXPECT_EQ(unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "D"),
            "--- a/D\n+++ b/D\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
  // A line ending change is a change.
  EXPECT_NE(unified_diff("a\r\n", "a\n", "D"), "");
}

TEST(UnifiedDiff, Labels) {
  EXPECT_EQ(unified_diff("a\n", "b\n", "./x/Dockerfile")
                .rfind("--- a/x/Dockerfile\n+++ b/x/Dockerfile\n@@", 0),
            0u);
  EXPECT_EQ(unified_diff("a\n", "b\n", "/abs/Dockerfile")
                .rfind("--- a/abs/Dockerfile\n+++ b/abs/Dockerfile\n@@", 0),
            0u);
}

TEST(UnifiedDiff, Colour) {
  DiffOptions o;
  o.color = true;
  const std::string d = unified_diff("a\r\nb\n", "a\r\nc\n", "D", o);
  EXPECT_NE(d.find("\x1b[31m-b\x1b[0m\n"), std::string::npos);
  EXPECT_NE(d.find("\x1b[32m+c\x1b[0m\n"), std::string::npos);
  EXPECT_NE(d.find("\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n"), std::string::npos);
  EXPECT_EQ(unified_diff("a\n", "b\n", "D").find('\x1b'), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Round trips and minimality on random inputs

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t eol = s.find('\n', at);
    eol = eol == std::string::npos ? s.size() : eol + 1;
    out.push_back(s.substr(at, eol - at));
    at = eol;
  }
  return out;
}

/// Applies a unified diff produced by unified_diff to `before` (strict: context must match).
std::string patch(const std::string& before, const std::string& diff) {
  const std::vector<std::string> old_lines = split(before);
  const std::vector<std::string> lines = split(diff);
  std::string out;
  size_t next_old = 0;  // first old line not yet copied
  for (size_t i = 2; i < lines.size();) {
    const std::string& h = lines[i++];
    EXPECT_EQ(h.substr(0, 4), "@@ -") << h;
    size_t start = std::stoul(h.substr(4));
    const bool empty = h.find(",0 ") != std::string::npos && h.find(",0 ") < h.find('+');
    const size_t first_old = empty ? start : start - 1;
    while (next_old < first_old) out += old_lines[next_old++];
    while (i < lines.size() && lines[i].substr(0, 2) != "@@") {
      std::string line = lines[i++];
      if (line[0] == '\\') continue;
      std::string body = line.substr(1);
      if (i < lines.size() && lines[i][0] == '\\') body.pop_back();  // no newline at the end
      if (line[0] == ' ' || line[0] == '-') {
        EXPECT_EQ(old_lines.at(next_old), body);
        ++next_old;
      }
      if (line[0] == ' ' || line[0] == '+') out += body;
    }
  }
  while (next_old < old_lines.size()) out += old_lines[next_old++];
  return out;
}

size_t lcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    }
  }
  return t[0][0];
}

std::string random_text(std::mt19937& rng, size_t max_lines) {
  std::uniform_int_distribution<size_t> count(0, max_lines), letter(0, 3);
  std::string out;
  const size_t n = count(rng);
  for (size_t i = 0; i < n; ++i) out += std::string(1, static_cast<char>('a' + letter(rng))) + "\n";
  if (!out.empty() && letter(rng) == 0) out.pop_back();  // sometimes no final newline
  return out;
}

TEST(UnifiedDiff, RandomRoundTripsAreMinimal) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    const std::string a = random_text(rng, 12), b = random_text(rng, 12);
    const std::string d = unified_diff(a, b, "D", DiffOptions{0, false});
    EXPECT_EQ(patch(a, d), b) << "before:\n" << a << "\nafter:\n" << b << "\ndiff:\n" << d;
    size_t removed = 0, added = 0;
    for (const std::string& line : split(d)) {
      if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0) continue;
      removed += line[0] == '-';
      added += line[0] == '+';
    }
    const size_t common = lcs(split(a), split(b));
    EXPECT_EQ(removed + added, split(a).size() + split(b).size() - 2 * common) << a << "|" << b;
    // With context as well.
    EXPECT_EQ(patch(a, unified_diff(a, b, "D")), b);
  }
}

TEST(LineEdits, RebuildTheNewText) {
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    const std::string a = random_text(rng, 10), b = random_text(rng, 10);
    const std::vector<Edit> edits = line_edits(a, b);
    std::string out;
    uint32_t at = 0;
    for (const Edit& e : edits) {
      ASSERT_LE(at, e.range.begin);
      out += a.substr(at, e.range.begin - at) + e.replacement;
      at = e.range.end;
    }
    out += a.substr(at);
    EXPECT_EQ(out, b);
    if (a == b) {
      EXPECT_TRUE(edits.empty());
    }
  }
  EXPECT_EQ(line_edits("a\nb\nc\n", "a\nB\nc\n").size(), 1u);
  EXPECT_EQ(line_edits("a\nb\nc\n", "a\nB\nc\n")[0].range, (TextRange{2, 4}));
}

TEST(UnifiedDiff, LargeFilesWithFewChanges) {
  // 50,000 lines: the linear-space algorithm needs O(N) memory and, here, near O(N) time.
  const std::string before = numbered(1, 50000);
  std::string after = before;
  after.replace(after.find("line 100\n"), 9, "line one hundred\n");
  after.replace(after.find("line 40000\n"), 11, "");
  after += "line added\n";
  const std::string d = unified_diff(before, after, "D");
  EXPECT_EQ(patch(before, d), after);
  size_t hunks = 0;
  for (size_t at = d.find("@@ "); at != std::string::npos; at = d.find("\n@@ ", at + 1)) ++hunks;
  EXPECT_EQ(hunks, 3u);
}

TEST(UnifiedDiff, CompletelyDifferentFiles) {
  const std::string before = numbered(1, 3000, "a"), after = numbered(1, 3000, "b");
  const std::string d = unified_diff(before, after, "D");
  EXPECT_EQ(patch(before, d), after);
}

}  // namespace
}  // namespace dfopt
