// The byte scanner that reads instruction bodies (analyzer/parse/lexer.cpp, scan_instruction)
// must build exactly the AST that the grammar's INSTR and CONT modes build. Compared on every
// file of the real-world corpus and of our own conformance cases, through the full JSON dump
// (every value and every range) and the diagnostics.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dfopt/dump.h"
#include "dfopt/parse.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

std::string describe(const ParseResult& r, const SourceFile& f) {
  std::string out = dump_json(r.ast, f);
  for (const Diagnostic& d : r.diagnostics) {
    out += d.code + " " + std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) +
           " " + d.message + "\n";
  }
  return out;
}

// Returns the number of files compared; adds a failure per mismatch.
int compare_tree(const fs::path& root) {
  ParseOptions reference_options;
  reference_options.reference_lexer = true;
  Parser fast;
  Parser reference(reference_options);
  int files = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    SourceFile f(it->path().string(), read_bytes(it->path()));
    ++files;
    std::string a = describe(fast.parse(f), f);
    std::string b = describe(reference.parse(f), f);
    if (a != b) ADD_FAILURE() << "scanner and grammar disagree on " << it->path();
  }
  return files;
}

TEST(Scanner, AgreesWithTheGrammarOnOurCases) {
  int files = compare_tree(fs::path(DFOPT_SOURCE_DIR) / "tests");
  EXPECT_GT(files, 100);
}

TEST(Scanner, AgreesWithTheGrammarOnTheCorpus) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) GTEST_SKIP() << "corpus not found at " << root;
  int files = compare_tree(root);
  std::printf("scanner vs grammar: %d corpus files compared\n", files);
  EXPECT_EQ(files, 4263);
}

}  // namespace
}  // namespace dfopt
