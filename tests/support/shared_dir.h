#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace dfopt::test {

/// The ../shared folder (corpus and conformance data), or DFOPT_SHARED_DIR from the environment.
inline std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("DFOPT_SHARED_DIR"); env && *env) return env;
  return DFOPT_SHARED_DIR;
}

/// True when `relative` exists below the shared folder.
inline bool shared_available(const std::string& relative) {
  std::error_code ec;
  return std::filesystem::exists(shared_dir() / relative, ec);
}

/// The bytes of the file at `path` ("" when it cannot be read).
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Every regular file below `root`, sorted (the corpus's files, in a stable order).
inline std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace dfopt::test
