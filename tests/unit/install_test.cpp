// `cmake --install` and the Debian package built by CPack: the binary, the generated manual page
// and the three completion scripts land where the distributions look for them, and the package
// depends on the shared libraries the binary links.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  std::string out;
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs `cmd` with stdout and stderr captured together.
Outcome sh(const std::string& cmd, const fs::path& log) {
  const int raw = std::system((cmd + " >" + quote(log.string()) + " 2>&1 </dev/null").c_str());
  std::ifstream in(log, std::ios::binary);
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1,
          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())};
}

bool have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

const char* const kInstalled[] = {
    "bin/dfopt",
    "share/man/man1/dfopt.1",
    "share/bash-completion/completions/dfopt",
    "share/zsh/vendor-completions/_dfopt",
    "share/fish/vendor_completions.d/dfopt.fish",
};

class Install : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dfopt-install-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Install, CmakeInstall) {
  const fs::path prefix = dir_ / "prefix";
  const Outcome r =
      sh("cmake --install " + quote(DFOPT_BUILD_DIR) + " --prefix " + quote(prefix.string()),
         dir_ / "log");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* file : kInstalled) {
    EXPECT_TRUE(fs::is_regular_file(prefix / file)) << file << " not installed:\n" << r.out;
  }
  EXPECT_TRUE(fs::status(prefix / "bin/dfopt").permissions() != fs::perms::none &&
              (fs::status(prefix / "bin/dfopt").permissions() & fs::perms::owner_exec) !=
                  fs::perms::none);
  // The installed binary runs, and the installed page is the one it generates.
  const Outcome version = sh(quote((prefix / "bin/dfopt").string()) + " --version", dir_ / "v");
  EXPECT_EQ(version.status, 0) << version.out;
  EXPECT_EQ(version.out.rfind("dfopt ", 0), 0u) << version.out;
  const Outcome man = sh(quote((prefix / "bin/dfopt").string()) + " generate man", dir_ / "man");
  std::ifstream in(prefix / "share/man/man1/dfopt.1", std::ios::binary);
  EXPECT_EQ(man.out,
            std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

TEST_F(Install, DebianPackage) {
  for (const char* tool : {"cpack", "dpkg-deb", "dpkg-shlibdeps"}) {
    if (!have(tool)) GTEST_SKIP() << tool << " is not installed (dpkg-dev); package not built";
  }
  const Outcome r = sh("cd " + quote(dir_.string()) + " && cpack -G DEB --config " +
                           quote(std::string(DFOPT_BUILD_DIR) + "/CPackConfig.cmake"),
                       dir_ / "log");
  ASSERT_EQ(r.status, 0) << r.out;
  fs::path deb;
  for (const auto& e : fs::directory_iterator(dir_)) {
    if (e.path().extension() == ".deb") deb = e.path();
  }
  ASSERT_FALSE(deb.empty()) << r.out;
  EXPECT_EQ(deb.filename().string().rfind("dfopt_", 0), 0u) << deb;

  const Outcome info = sh("dpkg-deb -I " + quote(deb.string()), dir_ / "info");
  ASSERT_EQ(info.status, 0) << info.out;
  EXPECT_NE(info.out.find("Package: dfopt"), std::string::npos) << info.out;
  const size_t depends = info.out.find("Depends:");
  ASSERT_NE(depends, std::string::npos) << info.out;
  const std::string line = info.out.substr(depends, info.out.find('\n', depends) - depends);
  // dpkg-shlibdeps names the packages of the libraries dfopt links.
  for (const char* lib : {"libantlr4-runtime", "libfmt", "libyaml-cpp", "libstdc++6", "libc6"}) {
    EXPECT_NE(line.find(lib), std::string::npos) << lib << " missing from " << line;
  }

  const Outcome contents = sh("dpkg-deb -c " + quote(deb.string()), dir_ / "contents");
  ASSERT_EQ(contents.status, 0) << contents.out;
  for (const char* file : kInstalled) {
    EXPECT_NE(contents.out.find("./usr/" + std::string(file) + "\n"), std::string::npos)
        << file << " not in the package:\n"
        << contents.out;
  }
}

}  // namespace
