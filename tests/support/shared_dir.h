#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

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

}  // namespace dfopt::test
