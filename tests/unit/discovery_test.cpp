// File discovery for `dfopt check`: Dockerfile names, .gitignore semantics and directory walks.
#include "../../cli/discovery.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dfopt/glob.h"

namespace dfopt::cli {
namespace {

namespace fs = std::filesystem;

TEST(DockerfileName, Matches) {
  for (const char* name :
       {"Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "containerfile",
        "Dockerfile.alpine", "api.Dockerfile", "Dockerfile-windows", "Dockerfile_test",
        ".gitpod.Dockerfile", "dev-container.dockerfile", "Dockerfile.run.whitespace",
        "base.Containerfile", "a_b.Dockerfile", "Dockerfile.1709", "x.dockerfile.y"}) {
    EXPECT_TRUE(is_dockerfile_name(name)) << name;
  }
}

TEST(DockerfileName, Rejects) {
  for (const char* name : {"Dockerfile.template",
                           "Dockerfile.tmpl",
                           "Dockerfile.j2",
                           "Dockerfile.erb",
                           "Dockerfile.in",
                           "Dockerfile.IN",
                           "api.Dockerfile.j2",
                           "Dockerfile.m4",
                           "Dockerfile.dockerignore",
                           "api.Dockerfile.dockerignore",
                           "mydockerfile",
                           "Dockerfiles",
                           "Dockerfile.",
                           ".Dockerfile",
                           "-Dockerfile",
                           "DockerfileX",
                           "docker-compose.yml",
                           "README.md",
                           "Makefile",
                           "dockerfile-",
                           "xDockerfile.alpine"}) {
    EXPECT_FALSE(is_dockerfile_name(name)) << name;
  }
}

TEST(Glob, Basics) {
  EXPECT_TRUE(glob_match("*.txt", "a.txt"));
  EXPECT_FALSE(glob_match("*.txt", "d/a.txt"));
  EXPECT_TRUE(glob_match("d/*.txt", "d/a.txt"));
  EXPECT_TRUE(glob_match("**/a.txt", "a.txt"));
  EXPECT_TRUE(glob_match("**/a.txt", "x/y/a.txt"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(glob_match("a/**/b", "ab"));
  EXPECT_TRUE(glob_match("a/**", "a/x/y"));
  EXPECT_FALSE(glob_match("a/**", "b/x"));
  EXPECT_TRUE(glob_match("te?t", "test"));
  EXPECT_FALSE(glob_match("te?t", "te/t"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_TRUE(glob_match("[!a-c]x", "dx"));
  EXPECT_TRUE(glob_match("\\*x", "*x"));
  EXPECT_FALSE(glob_match("\\*x", "ax"));
  EXPECT_TRUE(glob_match("Dockerfile.*", "Dockerfile.dev"));
}

TEST(GitIgnore, Semantics) {
  const GitIgnore g("",
                    "# comment\n\n*.bak\n/build\nout/\ndocs/*.Dockerfile\n!keep.bak\n"
                    "**/gen/Dockerfile\n\\#hash\ntrailing   \n");
  using M = GitIgnore::Match;
  EXPECT_EQ(g.match("x.bak", false), M::ignored);
  EXPECT_EQ(g.match("a/b/x.bak", false), M::ignored);  // no '/': any level
  EXPECT_EQ(g.match("keep.bak", false), M::included);  // negation, last match wins
  EXPECT_EQ(g.match("build", true), M::ignored);       // leading '/': anchored
  EXPECT_EQ(g.match("sub/build", true), M::none);
  EXPECT_EQ(g.match("out", true), M::ignored);  // trailing '/': directories only
  EXPECT_EQ(g.match("out", false), M::none);
  EXPECT_EQ(g.match("sub/out", true), M::ignored);
  EXPECT_EQ(g.match("docs/a.Dockerfile", false), M::ignored);  // inner '/': anchored
  EXPECT_EQ(g.match("x/docs/a.Dockerfile", false), M::none);
  EXPECT_EQ(g.match("docs/sub/a.Dockerfile", false), M::none);  // '*' stays in its segment
  EXPECT_EQ(g.match("gen/Dockerfile", false), M::ignored);
  EXPECT_EQ(g.match("a/b/gen/Dockerfile", false), M::ignored);
  EXPECT_EQ(g.match("#hash", false), M::ignored);
  EXPECT_EQ(g.match("trailing", false), M::ignored);
  EXPECT_EQ(g.match("other", false), M::none);
}

TEST(GitIgnore, NestedBase) {
  const GitIgnore g("sub", "/Dockerfile\n");
  EXPECT_EQ(g.match("sub/Dockerfile", false), GitIgnore::Match::ignored);
  EXPECT_EQ(g.match("Dockerfile", false), GitIgnore::Match::none);
  EXPECT_EQ(g.match("sub/x/Dockerfile", false), GitIgnore::Match::none);
  EXPECT_EQ(g.match("subway/Dockerfile", false), GitIgnore::Match::none);
}

class Discovery : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dfopt-discovery-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void touch(const std::string& rel, const std::string& text = "FROM scratch\n") {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  std::vector<std::string> found(const std::vector<std::string>& args = {}) {
    std::vector<Error> errors;
    std::vector<std::string> paths = args.empty() ? std::vector<std::string>{dir_.string()} : args;
    std::vector<std::string> out;
    for (const std::string& f : discover(paths, errors)) {
      out.push_back(fs::path(f).lexically_relative(dir_).generic_string());
    }
    EXPECT_TRUE(errors.empty());
    return out;
  }
  fs::path dir_;
};

TEST_F(Discovery, WalksAndFilters) {
  for (const char* f : {"Dockerfile", "a/Dockerfile.alpine", "a/api.Dockerfile", "b/Containerfile",
                        "b/c/Dockerfile-windows", "b/c/Dockerfile_test", ".devcontainer/Dockerfile",
                        "a/.gitpod.Dockerfile"}) {
    touch(f);
  }
  for (const char* f : {"Dockerfile.template", "a/Dockerfile.j2", "README.md", "a/mydockerfile",
                        ".git/Dockerfile", "node_modules/x/Dockerfile", "b/node_modules/Dockerfile",
                        "a/Dockerfile.in", "a/Dockerfile.erb", "a/Dockerfile.tmpl"}) {
    touch(f);
  }
  EXPECT_EQ(found(), (std::vector<std::string>{".devcontainer/Dockerfile", "Dockerfile",
                                               "a/.gitpod.Dockerfile", "a/Dockerfile.alpine",
                                               "a/api.Dockerfile", "b/Containerfile",
                                               "b/c/Dockerfile-windows", "b/c/Dockerfile_test"}));
}

TEST_F(Discovery, HonoursGitignore) {
  touch(".gitignore",
        "build/\n*.generated.Dockerfile\n/top.Dockerfile\n!keep.generated.Dockerfile\n");
  touch("build/Dockerfile");
  touch("src/build/Dockerfile");  // `build/` has no inner '/': any level
  touch("x.generated.Dockerfile");
  touch("src/y.generated.Dockerfile");
  touch("keep.generated.Dockerfile");
  touch("top.Dockerfile");
  touch("src/top.Dockerfile");  // `/top...` is anchored to the root
  touch("src/Dockerfile");
  touch("src/.gitignore", "Dockerfile.local\n");
  touch("src/Dockerfile.local");
  touch("Dockerfile.local");  // the nested .gitignore does not reach up
  EXPECT_EQ(found(), (std::vector<std::string>{"Dockerfile.local", "keep.generated.Dockerfile",
                                               "src/Dockerfile", "src/top.Dockerfile"}));
}

TEST_F(Discovery, ExplicitFilesAndOrder) {
  touch("b/Dockerfile");
  touch("a/Dockerfile");
  touch("notes.txt");
  // Arguments keep their order; an explicit file is checked whatever its name; no duplicates.
  const std::string b = (dir_ / "b").string(), notes = (dir_ / "notes.txt").string();
  EXPECT_EQ(found({b, notes, dir_.string()}),
            (std::vector<std::string>{"b/Dockerfile", "notes.txt", "a/Dockerfile"}));
}

TEST_F(Discovery, MissingPathIsAnError) {
  std::vector<Error> errors;
  const auto files = discover({(dir_ / "nope").string()}, errors);
  EXPECT_TRUE(files.empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].kind, ErrorKind::io);
}

TEST_F(Discovery, SymlinkedDirectoriesAreNotFollowed) {
  touch("real/Dockerfile");
  fs::create_directory_symlink(dir_ / "real", dir_ / "link");
  fs::create_symlink(dir_ / "real" / "Dockerfile", dir_ / "Dockerfile.linked");
  EXPECT_EQ(found(), (std::vector<std::string>{"Dockerfile.linked", "real/Dockerfile"}));
}

}  // namespace
}  // namespace dfopt::cli
