// Runs BuildKit's shell expansion tables (envVarTest, wordsTest from moby/buildkit
// frontend/dockerfile/shell) against dfopt::expand_word / expand_words, reading them in place
// from ../shared/conformance/buildkit-shell. The row formats and the environment follow that
// folder's README.md, which mirrors lex_test.go.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dfopt/word_expansion.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

constexpr std::string_view k_dir = "conformance/buildkit-shell";

/// Reads a file as lines, as Go's bufio.Scanner does: split on '\n', drop one trailing '\r'.
std::optional<std::vector<std::string>> read_lines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

/// strings.TrimSpace for the ASCII whitespace these files use.
std::string_view trim(std::string_view s) {
  constexpr std::string_view space = " \t\r\n\v\f";
  const size_t b = s.find_first_not_of(space);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(space) - b + 1);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    const size_t i = s.find(sep);
    parts.push_back(s.substr(0, i));
    if (i == std::string_view::npos) break;
    s.remove_prefix(i + 1);
  }
  return parts;
}

/// An ordered environment in which a later NAME=value overrides an earlier one (EnvsFromSlice).
class Env {
 public:
  void set(std::string_view entry) {
    const size_t eq = entry.find('=');
    std::string name(entry.substr(0, eq));
    std::string value(eq == std::string_view::npos ? std::string_view() : entry.substr(eq + 1));
    for (auto& [n, v] : vars_) {
      if (n == name) {
        v = std::move(value);
        return;
      }
    }
    vars_.emplace_back(std::move(name), std::move(value));
  }

  VariableLookup lookup() const {
    return [this](std::string_view name) -> std::optional<std::string_view> {
      for (const auto& [n, v] : vars_) {
        if (n == name) return std::string_view(v);
      }
      return std::nullopt;
    };
  }

 private:
  std::vector<std::pair<std::string, std::string>> vars_;
};

std::string show(std::string_view s) { return fmt::format("{:?}", s); }

std::string show(const std::vector<std::string>& words) {
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ", ";
    out += show(words[i]);
  }
  return out + "]";
}

struct Tally {
  int passed = 0;
  int failed = 0;
  int windows_only = 0;
  std::vector<std::string> failures;

  void fail(std::string message) {
    ++failed;
    failures.push_back(std::move(message));
  }

  void report(std::string_view file) const {
    std::cout << fmt::format(
        "[buildkit-shell] {}: passed {}, failed {}, windows-only rows not run {}\n", file, passed,
        failed, windows_only);
    for (const std::string& f : failures) ADD_FAILURE() << file << ": " << f;
  }
};

TEST(BuildkitShellConformance, EnvVarTest) {
  const auto path = test::shared_dir() / k_dir / "envVarTest";
  const auto lines = read_lines(path);
  if (!lines) GTEST_SKIP() << "BuildKit shell table not found: " << path.string();

  Env env;
  for (const char* entry : {"PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="}) env.set(entry);
  const VariableLookup lookup = env.lookup();
  const ExpansionOptions options;  // escape '\', everything else off
  Expansion out;

  Tally tally;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string_view raw = (*lines)[i];
    const size_t line_no = i + 1;
    if (raw.starts_with('#')) continue;
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    const auto fields = split(line, '|');
    if (fields.size() != 3) {
      tally.fail(fmt::format("line {}: malformed row {}", line_no, show(line)));
      continue;
    }
    const std::string_view platform = trim(fields[0]);
    const std::string_view input = trim(fields[1]);
    const std::string_view expected = trim(fields[2]);
    if (platform == "W") {
      ++tally.windows_only;  // case-insensitive names: not applicable on Unix
      continue;
    }
    if (platform != "A" && platform != "U") {
      tally.fail(fmt::format("line {}: unknown platform {}", line_no, show(platform)));
      continue;
    }
    const auto error = expand_word(input, lookup, options, out);
    if (expected == "error") {
      if (error) {
        ++tally.passed;
      } else {
        tally.fail(fmt::format("line {}: input {} expected an error, got {}", line_no, show(input),
                               show(out.value)));
      }
    } else if (error) {
      tally.fail(fmt::format("line {}: input {} expected {}, got error: {}", line_no, show(input),
                             show(expected), error->message));
    } else if (out.value != expected) {
      tally.fail(fmt::format("line {}: input {} expected {}, got {}", line_no, show(input),
                             show(expected), show(out.value)));
    } else {
      ++tally.passed;
    }
  }
  tally.report("envVarTest");
  EXPECT_GT(tally.passed, 0) << "no rows were run from " << path.string();
}

TEST(BuildkitShellConformance, WordsTest) {
  const auto path = test::shared_dir() / k_dir / "wordsTest";
  const auto lines = read_lines(path);
  if (!lines) GTEST_SKIP() << "BuildKit shell table not found: " << path.string();

  Env env;
  const VariableLookup lookup = env.lookup();
  const ExpansionOptions options;
  Expansion out;

  Tally tally;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string_view line = (*lines)[i];
    const size_t line_no = i + 1;
    if (line.starts_with('#')) continue;
    if (line.starts_with("ENV ")) {
      std::string_view entry = line.substr(3);
      entry.remove_prefix(std::min(entry.find_first_not_of(' '), entry.size()));
      env.set(entry);  // the value keeps its trailing spaces
      continue;
    }
    const auto fields = split(line, '|');
    if (fields.size() != 2) {
      tally.fail(fmt::format("line {}: malformed row {}", line_no, show(line)));
      continue;
    }
    const std::string_view input = trim(fields[0]);
    std::string_view expected_text = fields[1];
    expected_text.remove_prefix(
        std::min(expected_text.find_first_not_of(' '), expected_text.size()));
    std::vector<std::string> expected;
    for (std::string_view w : split(expected_text, ',')) expected.emplace_back(w);

    std::vector<std::string> actual;
    if (const auto error = expand_words(input, lookup, options, out)) {
      actual = {"error"};
    } else {
      actual = out.words;
    }
    if (actual == expected) {
      ++tally.passed;
    } else {
      tally.fail(fmt::format("line {}: input {} expected {}, got {}", line_no, show(input),
                             show(expected), show(actual)));
    }
  }
  tally.report("wordsTest");
  EXPECT_GT(tally.passed, 0) << "no rows were run from " << path.string();
}

}  // namespace
}  // namespace dfopt
