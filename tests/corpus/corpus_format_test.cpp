// The formatter over the real-world corpus (../shared/corpus/real/files): for every file that
// parses, the formatted text parses, formatting it again changes nothing, and it reads the same
// as the original once layout is removed (instructions, flags, arguments, heredocs, comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dfopt/format.h"
#include "dfopt/parse.h"
#include "support/layout_free.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using dfopt::test::read_bytes;

TEST(CorpusFormat, IdempotentAndLayoutOnly) {
  const fs::path root = test::shared_dir() / "corpus/real/files";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    GTEST_SKIP() << "corpus not found at " << root
                 << " (set DFOPT_SHARED_DIR to the shared folder)";
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  Parser parser;
  size_t formatted = 0, changed = 0, not_parsed = 0;
  for (const fs::path& path : files) {
    const SourceFile original(path.string(), read_bytes(path));
    const ParseResult before = parser.parse(original);
    if (!before.ok()) {
      ++not_parsed;
      const FormatResult r = format_source(original);
      EXPECT_TRUE(r.error.has_value()) << path;
      EXPECT_EQ(r.text, original.text()) << path;
      continue;
    }
    ++formatted;
    const SourceFile once(path.string(), format(original, before.ast));
    if (once.text() != original.text()) ++changed;
    const ParseResult after = parser.parse(once);
    ASSERT_TRUE(after.ok()) << path << ": the formatted text does not parse";
    EXPECT_EQ(test::layout_free(original, before.ast), test::layout_free(once, after.ast))
        << path << ": formatting changed more than layout";
    EXPECT_EQ(format(once, after.ast), once.text()) << path << ": formatting is not idempotent";
  }
  std::printf("[ corpus  ] %zu files: %zu formatted (%zu changed), %zu left unchanged (no parse)\n",
              files.size(), formatted, changed, not_parsed);
}

}  // namespace
}  // namespace dfopt
