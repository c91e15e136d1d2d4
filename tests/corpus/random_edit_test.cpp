// Property test over random edits of real Dockerfiles (../shared/corpus/real/files): a sample of
// the corpus, each file edited a few times by seeded random mutations of the kinds that stress a
// Dockerfile parser (bytes, whole lines, quotes, escapes, line continuations, heredoc markers,
// JSON brackets, variable references). For every edited text, parsing never crashes and keeps
// its ranges inside the input, and --fix (every rule, unsafe fixes on) leaves a file with syntax
// errors alone, returns a text that parses, and is idempotent (fuzz/properties.h). The seed is
// fixed so a failure reproduces; DFOPT_RANDOM_EDIT_SEED picks another one to explore.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/properties.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;
using dfopt::test::corpus_files;

constexpr size_t kFiles = 400;          // sampled evenly from the corpus
constexpr size_t kEditsPerFile = 5;     // edited texts per sampled file
constexpr size_t kMaxMutations = 3;     // mutations applied to one edited text
constexpr size_t kMaxReported = 5;      // failures printed in full

// Snippets a mutation inserts: the characters and markers the lexer and the shell parser treat
// specially.
constexpr std::string_view kSnippets[] = {
    "\\",  "\\\n", "`",     "\"",    "'",      "\n",   "\r\n", " ",     "\t",  "#",
    "$",   "${",   "}",     "$(",    ")",      "[",    "]",    "\",\"", "<<",  "<<EOF\n",
    "EOF\n", "<<-'EOF'\n", "&&", "||", ";", "|", "=", "--", "# escape=`\n", "\xc3\xa9",
};

struct Mutator {
  std::mt19937_64 rng;

  size_t below(size_t n) { return n ? std::uniform_int_distribution<size_t>(0, n - 1)(rng) : 0; }

  // [begin, end) of the line holding `pos`, newline included.
  static std::pair<size_t, size_t> line_at(const std::string& s, size_t pos) {
    size_t b = s.rfind('\n', pos ? pos - 1 : 0);
    b = (b == std::string::npos || pos == 0) ? 0 : b + 1;
    size_t e = s.find('\n', pos);
    e = e == std::string::npos ? s.size() : e + 1;
    return {b, e};
  }

  // Applies one mutation and returns its description.
  std::string mutate(std::string& s) {
    const size_t pos = below(s.size() + 1);
    char buf[96];
    switch (below(9)) {
      case 0: {  // delete a few bytes
        const size_t n = std::min(s.size() - std::min(pos, s.size()), 1 + below(4));
        s.erase(std::min(pos, s.size()), n);
        std::snprintf(buf, sizeof buf, "delete %zu bytes at %zu", n, pos);
        break;
      }
      case 1:
      case 2: {  // insert a special snippet
        const std::string_view snip = kSnippets[below(std::size(kSnippets))];
        s.insert(std::min(pos, s.size()), snip);
        std::snprintf(buf, sizeof buf, "insert snippet #%zu at %zu", &snip - kSnippets, pos);
        break;
      }
      case 3: {  // insert a random byte
        const char c = static_cast<char>(below(256));
        s.insert(std::min(pos, s.size()), 1, c);
        std::snprintf(buf, sizeof buf, "insert byte 0x%02x at %zu", c & 0xff, pos);
        break;
      }
      case 4: {  // duplicate a byte range
        const size_t b = std::min(pos, s.size());
        const std::string piece = s.substr(b, 1 + below(32));
        s.insert(b, piece);
        std::snprintf(buf, sizeof buf, "duplicate %zu bytes at %zu", piece.size(), b);
        break;
      }
      case 5: {  // delete a line
        const auto [b, e] = line_at(s, std::min(pos, s.size()));
        s.erase(b, e - b);
        std::snprintf(buf, sizeof buf, "delete the line at %zu", b);
        break;
      }
      case 6: {  // duplicate a line
        const auto [b, e] = line_at(s, std::min(pos, s.size()));
        s.insert(b, s.substr(b, e - b));
        std::snprintf(buf, sizeof buf, "duplicate the line at %zu", b);
        break;
      }
      case 7: {  // end a line with an escape, joining it to the next one
        const auto [b, e] = line_at(s, std::min(pos, s.size()));
        const size_t at = (e > b && s[e - 1] == '\n') ? e - 1 : e;
        s.insert(at, " \\");
        std::snprintf(buf, sizeof buf, "continue the line at %zu", b);
        break;
      }
      default: {  // move a line elsewhere
        const auto [b, e] = line_at(s, std::min(pos, s.size()));
        std::string line = s.substr(b, e - b);
        s.erase(b, e - b);
        const size_t to = line_at(s, below(s.size() + 1)).first;
        s.insert(std::min(to, s.size()), line);
        std::snprintf(buf, sizeof buf, "move the line at %zu to %zu", b, to);
        break;
      }
    }
    return buf;
  }
};

TEST(CorpusRandomEdits, ParseAndFixHoldTheirProperties) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    GTEST_SKIP() << "corpus not found at " << root
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  const std::vector<fs::path> files = corpus_files(root);
  ASSERT_FALSE(files.empty());

  uint64_t seed = 20261205;
  if (const char* env = std::getenv("DFOPT_RANDOM_EDIT_SEED"); env && *env) {
    seed = std::strtoull(env, nullptr, 10);
  }
  Mutator mutator{std::mt19937_64(seed)};
  Parser parser;
  const size_t step = std::max<size_t>(1, files.size() / kFiles);
  size_t texts = 0, failures = 0, parsed = 0, fixed = 0;
  for (size_t i = 0; i < files.size() && i / step < kFiles; i += step) {
    const std::string original = read_bytes(files[i]);
    for (size_t k = 0; k < kEditsPerFile; ++k) {
      std::string text = original;
      std::string edits;
      const size_t n = 1 + mutator.below(kMaxMutations);
      for (size_t m = 0; m < n; ++m) edits += (m ? "; " : "") + mutator.mutate(text);
      ++texts;
      bool ok = false, changed = false;
      std::string error = fuzz::parse_properties(parser, text, &ok);
      if (error.empty()) error = fuzz::fix_properties(parser, text, &changed);
      parsed += ok;
      fixed += changed;
      if (error.empty()) continue;
      if (++failures <= kMaxReported) {
        ADD_FAILURE() << files[i].filename().string() << " (seed " << seed << ", edit " << k
                      << ": " << edits << "): " << error;
      }
    }
  }
  std::printf(
      "[ corpus  ] %zu edited texts from %zu files (seed %llu): %zu parse, %zu changed by --fix, "
      "%zu broke a property\n",
      texts, std::min(kFiles, files.size()), static_cast<unsigned long long>(seed), parsed, fixed,
      failures);
  EXPECT_EQ(failures, 0u);
}

}  // namespace
}  // namespace dfopt
