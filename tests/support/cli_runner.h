#pragma once

// Running the built `dfopt` binary (DFOPT_BINARY) and other shell commands from a test, in a
// temporary directory of the test's own, capturing the exit status and both output streams.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace dfopt::test {

namespace fs = std::filesystem;

/// What a command did: its exit status (-1 when a signal ended it) and what it printed.
struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// `s` as one single-quoted shell word.
inline std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

/// Runs the shell command `cmd` with stdin from `input`; the streams pass through files in
/// `scratch`, which are removed afterwards.
inline Outcome run_shell(const std::string& cmd, const fs::path& scratch,
                         const std::string& input = "") {
  const fs::path in = scratch / ".in", out = scratch / ".out", err = scratch / ".err";
  write_file(in, input);
  std::string full = "{ ";
  // Appended piece by piece: GCC 12's -Wrestrict misfires on `"literal" + std::string&&`.
  full += cmd;
  full += "; } <";
  full += shell_quote(in.string());
  full += " >";
  full += shell_quote(out.string());
  full += " 2>";
  full += shell_quote(err.string());
  const int raw = std::system(full.c_str());
  Outcome r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  std::error_code ec;
  fs::remove(in, ec);
  fs::remove(out, ec);
  fs::remove(err, ec);
  return r;
}

/// A test with a fresh temporary directory (`dir_`), removed afterwards.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("dfopt-" + std::string(info->test_suite_name()) + "-" +
                                        std::string(info->name()) + "-" +
                                        std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Writes `text` to `rel` under dir_ (creating folders); returns the full path.
  fs::path file(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    write_file(dir_ / rel, text);
    return dir_ / rel;
  }

  /// Runs `env dfopt <args>` in `cwd` (default: dir_) with NO_COLOR set and stdin from `input`.
  /// `env` holds extra `NAME=value` words, already quoted.
  Outcome run(const std::vector<std::string>& args, const std::string& input = "",
              const std::string& env = "", const fs::path& cwd = {}) {
    std::string cmd = "cd ";
    cmd += shell_quote((cwd.empty() ? dir_ : cwd).string());
    cmd += " && NO_COLOR=1 ";
    cmd += env;
    cmd += ' ';
    cmd += shell_quote(DFOPT_BINARY);
    for (const std::string& a : args) {
      cmd += ' ';
      cmd += shell_quote(a);
    }
    return run_shell(cmd, dir_, input);
  }

  /// Runs the shell command `cmd` in dir_.
  Outcome sh(const std::string& cmd, const std::string& input = "") {
    std::string full = "cd ";
    full += shell_quote(dir_.string());
    full += " && ";
    full += cmd;
    return run_shell(full, dir_, input);
  }

  fs::path dir_;
};

}  // namespace dfopt::test
