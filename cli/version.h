#pragma once

#include <string_view>

/// The version of this build, from CMake's project() and, when built from a git checkout, the
/// commit (cmake/version.cpp.in, written into the build tree at build time).
namespace dfopt::cli {

/// "0.1.0".
std::string_view version_string();
/// `git describe --always` of the source tree ("v0.1.0-12-gabc1234abcd", "abc1234abcd1"),
/// or "unknown" outside a git checkout.
std::string_view git_commit();

}  // namespace dfopt::cli
