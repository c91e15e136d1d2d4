#pragma once

// The corpus the benchmarks run over: DFOPT_BENCH_CORPUS when set, else
// <shared>/corpus/real/files (DFOPT_SHARED_DIR overrides the shared folder), else the
// repository's own corpus/.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace dfopt::bench {

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct CorpusFiles {
  std::filesystem::path dir;                 ///< empty when no candidate folder exists
  std::vector<std::filesystem::path> paths;  ///< regular files, no links, no .md, sorted
};

/// The first candidate folder that exists, and its files.
inline CorpusFiles find_corpus() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("DFOPT_BENCH_CORPUS"); env && *env) {
    candidates.emplace_back(env);
  }
  fs::path shared = DFOPT_SHARED_DIR;
  if (const char* env = std::getenv("DFOPT_SHARED_DIR"); env && *env) shared = env;
  candidates.push_back(shared / "corpus/real/files");
  candidates.push_back(fs::path(DFOPT_SOURCE_DIR) / "corpus");
  for (const fs::path& dir : candidates) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    CorpusFiles out{dir, {}};
    for (fs::recursive_directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
      if (it->path().extension() == ".md") continue;
      out.paths.push_back(it->path());
    }
    std::sort(out.paths.begin(), out.paths.end());
    return out;
  }
  return {};
}

}  // namespace dfopt::bench
