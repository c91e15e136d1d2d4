// Replays the inputs in tests/regressions/ (fuzzer findings, each once a crash, a sanitizer
// report or a broken property) through every property the fuzz targets check (fuzz/properties.h):
// parsing, checking with the default and with every rule, fixing, and the shell parser and word
// expansion. One test per file, named after it, so a regression says which input broke.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/properties.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

const fs::path kDir = fs::path(DFOPT_SOURCE_DIR) / "tests/regressions";

std::vector<std::string> regression_inputs() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(kDir, ec)) {
    if (e.is_regular_file() && e.path().filename() != "README.md") {
      names.push_back(e.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class FuzzRegression : public testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, HoldsEveryProperty) {
  const std::string bytes = read_bytes(kDir / GetParam());
  Parser parser;
  EXPECT_EQ(fuzz::parse_properties(parser, bytes), "");
  EXPECT_EQ(fuzz::check_properties(parser, bytes, fuzz::default_settings()), "");
  EXPECT_EQ(fuzz::check_properties(parser, bytes, fuzz::all_rules_settings()), "");
  EXPECT_EQ(fuzz::fix_properties(parser, bytes), "");
  shell::ShellParser shell_parser;
  fuzz::exercise_shell(shell_parser, bytes);
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, testing::ValuesIn(regression_inputs()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FuzzRegression);

}  // namespace
}  // namespace dfopt
