// Conformance with BuildKit's Dockerfile parser (frontend/dockerfile/parser/parser_test.go).
//
// Cases come from two places, with the same layout:
//   ../shared/conformance/buildkit-parser/  BuildKit's own testfiles/, testfiles-negative/ and
//                                           testfile-line/, read in place (skipped if absent)
//   tests/conformance/buildkit-extra/       our cases for what BuildKit's data does not cover
// A case directory holds `Dockerfile` and either `result` (must parse, and dump_buildkit must equal
// it byte for byte) or `error` (must fail; the file documents BuildKit's message, not compared).
// An optional `heredocs.json` lists the heredocs BuildKit attaches to each instruction.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "dfopt/dump.h"
#include "dfopt/parse.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;

constexpr const char* shared_parser_dir = "conformance/buildkit-parser";

fs::path extra_dir() { return fs::path(DFOPT_SOURCE_DIR) / "tests/conformance/buildkit-extra"; }

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

enum class Expect { parse, fail };

struct Case {
  std::string name;  ///< test name: the directory name with non-alphanumerics as '_'
  fs::path dir;      ///< empty for the placeholder that reports a missing data folder
  Expect expect = Expect::parse;
};

// Names the case in gtest's failure output instead of a byte dump of the struct.
void PrintTo(const Case& c, std::ostream* os) { *os << (c.dir.empty() ? c.name : c.dir.string()); }

std::string test_name(const std::string& dir_name) {
  std::string out = dir_name;
  for (char& c : out) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return out;
}

/// The case directories below `root`, sorted, so ctest lists one test per BuildKit case. When the
/// folder is missing, one placeholder case reports the skip instead of silently listing nothing.
std::vector<Case> list_cases(const fs::path& root, Expect default_expect) {
  std::vector<Case> cases;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    cases.push_back({"data_folder_absent", {}, default_expect});
    return cases;
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(root, ec)) {
    if (!entry.is_directory()) continue;
    Expect expect = default_expect;
    if (fs::exists(entry.path() / "error")) expect = Expect::fail;
    if (fs::exists(entry.path() / "result")) expect = Expect::parse;
    cases.push_back({test_name(entry.path().filename().string()), entry.path(), expect});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

std::vector<Case> positive_cases() {
  return list_cases(test::shared_dir() / shared_parser_dir / "testfiles", Expect::parse);
}
std::vector<Case> negative_cases() {
  return list_cases(test::shared_dir() / shared_parser_dir / "testfiles-negative", Expect::fail);
}
std::vector<Case> extra_cases() { return list_cases(extra_dir(), Expect::parse); }

std::string diagnostics_text(const ParseResult& result) {
  std::ostringstream out;
  for (const Diagnostic& d : result.diagnostics) {
    out << "  [" << d.code << "] " << to_string(d.severity) << " @" << d.range.begin << ": "
        << d.message << "\n";
  }
  return out.str();
}

/// Compares the instruction's heredocs with one entry of heredocs.json: a list of
/// {"name", "content", "expand", "chomp", "fd"} objects, as BuildKit's Node.Heredocs. Returns true
/// when they match; each difference is a gtest failure.
bool expect_heredocs(const ast::Instruction& in, const nlohmann::json& expected, size_t index) {
  // The builder may attach an ONBUILD body's heredocs to the inner instruction.
  const std::vector<ast::Heredoc>* actual = &in.heredocs;
  if (actual->empty() && in.inner) actual = &in.inner->heredocs;
  const std::string where = "instruction " + std::to_string(index) + " (" + in.keyword.value +
                            " on line " + std::to_string(in.start_line) + ")";
  if (actual->size() != expected.size()) {
    ADD_FAILURE() << where << ": " << actual->size() << " heredocs, expected " << expected.size();
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < actual->size(); ++i) {
    const ast::Heredoc& h = (*actual)[i];
    const nlohmann::json& e = expected[i];
    auto check = [&](bool same, const char* field) {
      if (!same) ADD_FAILURE() << where << ", heredoc " << i << " (" << h.name << "): " << field;
      ok = ok && same;
    };
    check(h.name == e.at("name").get<std::string>(), "name");
    check(h.content == e.at("content").get<std::string>(), "content");
    check(h.expand == e.at("expand").get<bool>(), "expand");
    check(h.chomp == e.at("chomp").get<bool>(), "chomp");
    check(h.fd == e.at("fd").get<uint32_t>(), "fd");
    check(h.terminated, "terminated");
  }
  return ok;
}

/// Runs one case; returns true when it passed. Failures are reported through gtest.
bool run_case(Parser& parser, const Case& c) {
  const fs::path dockerfile = c.dir / "Dockerfile";
  const SourceFile file(dockerfile.string(), read_bytes(dockerfile));
  const ParseResult result = parser.parse(file);
  if (c.expect == Expect::fail) {
    EXPECT_FALSE(result.ok()) << dockerfile << " parsed, but BuildKit rejects it"
                              << (fs::exists(c.dir / "error")
                                      ? " with: " + read_bytes(c.dir / "error")
                                      : std::string());
    return !result.ok();
  }
  EXPECT_TRUE(result.ok()) << dockerfile << " must parse; diagnostics:\n"
                           << diagnostics_text(result);
  if (!result.ok()) return false;
  const std::string expected = read_bytes(c.dir / "result");
  const std::string actual = dump_buildkit(result.ast);
  EXPECT_EQ(actual, expected) << "dump of " << dockerfile;
  bool ok = actual == expected;
  if (fs::exists(c.dir / "heredocs.json")) {
    const auto table = nlohmann::json::parse(read_bytes(c.dir / "heredocs.json"), nullptr, false);
    EXPECT_FALSE(table.is_discarded()) << "bad JSON in " << c.dir / "heredocs.json";
    if (table.is_discarded()) return false;
    EXPECT_EQ(table.size(), result.ast.instructions.size()) << "heredocs.json entries";
    const size_t n = std::min<size_t>(table.size(), result.ast.instructions.size());
    ok = ok && table.size() == result.ast.instructions.size();
    for (size_t i = 0; i < n; ++i) {
      ok = expect_heredocs(result.ast.instructions[i], table[i], i) && ok;
    }
  }
  return ok;
}

class BuildkitCase : public ::testing::TestWithParam<Case> {};

TEST_P(BuildkitCase, Matches) {
  const Case& c = GetParam();
  if (c.dir.empty()) {
    GTEST_SKIP() << "BuildKit conformance data not found under " << test::shared_dir()
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  Parser parser;
  run_case(parser, c);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(BuildkitPositive, BuildkitCase, ::testing::ValuesIn(positive_cases()),
                         case_name);
INSTANTIATE_TEST_SUITE_P(BuildkitNegative, BuildkitCase, ::testing::ValuesIn(negative_cases()),
                         case_name);
INSTANTIATE_TEST_SUITE_P(BuildkitExtra, BuildkitCase, ::testing::ValuesIn(extra_cases()),
                         case_name);

// parser_test.go TestParseIncludesLineNumbers.
TEST(BuildkitParser, LineNumbers) {
  const fs::path path = test::shared_dir() / shared_parser_dir / "testfile-line/Dockerfile";
  if (!fs::exists(path)) GTEST_SKIP() << path << " not found";
  const SourceFile file(path.string(), read_bytes(path));
  const ParseResult result = parse(file);
  ASSERT_TRUE(result.ok()) << diagnostics_text(result);
  const auto& instructions = result.ast.instructions;
  ASSERT_EQ(instructions.size(), 3u);
  // The root node spans from the first instruction's start to the last one's end.
  EXPECT_EQ(instructions.front().start_line, 5u);
  EXPECT_EQ(instructions.back().end_line, 31u);
  const uint32_t expected[3][2] = {{5, 5}, {11, 12}, {17, 31}};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(instructions[i].start_line, expected[i][0]) << "instruction " << i;
    EXPECT_EQ(instructions[i].end_line, expected[i][1]) << "instruction " << i;
  }
}

// parser_test.go TestParseReturnsScannerErrors: BuildKit reads lines with a bufio.Scanner whose
// token limit is 64 KiB, so a physical line of 65,536 bytes or more (not counting its '\n') is an
// error, and one of 65,535 is fine.
TEST(BuildkitParser, LineTooLong) {
  const std::string prefix = "\n\t\tFROM image\n\t\tLABEL test=";
  const std::string too_long = prefix + std::string(65536 - 13, 'a') + "\n";
  EXPECT_FALSE(parse(SourceFile("too-long", too_long)).ok())
      << "BuildKit: dockerfile line greater than max allowed size of 65535";
  const std::string longest = prefix + std::string(65535 - 13, 'a') + "\n";
  const ParseResult result = parse(SourceFile("longest", longest));
  EXPECT_TRUE(result.ok()) << diagnostics_text(result);
}

// The closing summary over every case, so a run shows the totals in one line.
TEST(BuildkitParser, Summary) {
  Parser parser;
  struct Tally {
    int positive = 0, negative = 0, skipped = 0, failed = 0;
  };
  auto tally_cases = [&](const std::vector<Case>& cases, Tally& t) {
    for (const Case& c : cases) {
      if (c.dir.empty()) {
        ++t.skipped;
        continue;
      }
      if (!run_case(parser, c)) {
        ++t.failed;
      } else if (c.expect == Expect::parse) {
        ++t.positive;
      } else {
        ++t.negative;
      }
    }
  };
  auto line = [](const char* label, const Tally& t) {
    std::string s = std::string(label) + ": " + std::to_string(t.positive) + " positive passed, " +
                    std::to_string(t.negative) + " negative passed, " + std::to_string(t.skipped) +
                    " skipped";
    if (t.failed) s += ", " + std::to_string(t.failed) + " failed";
    return s;
  };
  Tally shared, extra;
  tally_cases(positive_cases(), shared);
  tally_cases(negative_cases(), shared);
  tally_cases(extra_cases(), extra);
  std::printf("%s\n%s\n", line("buildkit-parser", shared).c_str(),
              line("buildkit-extra", extra).c_str());
  EXPECT_EQ(shared.failed + extra.failed, 0);
}

}  // namespace
}  // namespace dfopt
