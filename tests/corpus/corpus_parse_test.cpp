// Robustness over the real-world corpus (../shared/corpus/real/files, 4,263 Dockerfiles): every
// file must parse without a crash, and without error diagnostics unless it is listed in
// parse-allowlist.tsv with the reason BuildKit itself rejects it. A listed file that now parses
// cleanly fails the test too, so the list cannot go stale.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "dfopt/parse.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

/// parse-allowlist.tsv: `path<TAB>reason` per line, path relative to corpus/real/files; blank
/// lines and lines starting with '#' are ignored.
std::map<std::string, std::string> read_allowlist(const fs::path& path) {
  std::map<std::string, std::string> entries;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << path << ": line without a TAB: " << line;
      continue;
    }
    entries.emplace(line.substr(0, tab), line.substr(tab + 1));
  }
  return entries;
}

std::string first_error(const ParseResult& result, const SourceFile& file) {
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != Severity::error) continue;
    const Position p = file.position(d.range.begin);
    return std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + d.message;
  }
  return "(no error diagnostic, but ok() is false)";
}

TEST(Corpus, ParsesRealDockerfiles) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    GTEST_SKIP() << "corpus not found at " << root
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  const auto allowlist =
      read_allowlist(fs::path(DFOPT_SOURCE_DIR) / "tests/corpus/parse-allowlist.tsv");

  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file()) files.push_back(it->path());
  }
  ASSERT_FALSE(ec) << "walking " << root << ": " << ec.message();
  std::sort(files.begin(), files.end());

  Parser parser;  // reused, as audit mode does
  size_t clean = 0, allowed = 0, unexpected = 0, stale = 0;
  std::map<std::string, bool> seen;
  for (const fs::path& path : files) {
    const std::string rel = path.lexically_relative(root).generic_string();
    const SourceFile file(rel, read_bytes(path));
    const ParseResult result = parser.parse(file);
    const auto listed = allowlist.find(rel);
    if (listed != allowlist.end()) seen[rel] = true;
    if (result.ok()) {
      ++clean;
      if (listed != allowlist.end()) {
        ++stale;
        ADD_FAILURE() << rel << " parses cleanly now; remove it from parse-allowlist.tsv ("
                      << listed->second << ")";
      }
    } else if (listed != allowlist.end()) {
      ++allowed;
    } else {
      ++unexpected;
      ADD_FAILURE() << rel << ":" << first_error(result, file);
    }
  }
  for (const auto& [rel, reason] : allowlist) {
    if (!seen.count(rel)) ADD_FAILURE() << "parse-allowlist.tsv lists a missing file: " << rel;
  }
  std::printf("corpus: %zu files, %zu parsed cleanly, %zu allow-listed, %zu unexpected",
              files.size(), clean, allowed, unexpected);
  if (stale) std::printf(", %zu stale allow-list entries", stale);
  std::printf("\n");
  EXPECT_EQ(unexpected, 0u);
}

}  // namespace
}  // namespace dfopt
