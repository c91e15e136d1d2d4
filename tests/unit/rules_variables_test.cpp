// Unit tests for the tricky parts of the `variables` rules: Docker's .dockerignore matching
// (moby/patternmatcher), path cleaning, and the base-image heuristics of undefined-variable.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "../../rules/variables/dockerignore.h"
#include "dfopt/engine.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

using rules::dockerignore::clean;
using rules::dockerignore::Matcher;

std::vector<Diagnostic> run(std::string_view rule, const std::string& text,
                            const std::string& path = "Dockerfile", OptionValues options = {}) {
  const SourceFile src(path, text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const SharedSettings shared;
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  if (!r) return {};
  return run_rules(std::span<const Rule* const>(&r, 1), ctx);
}

bool ignored(std::string_view ignore_file, std::string_view path) {
  std::optional<Matcher> m = Matcher::parse(ignore_file);
  EXPECT_TRUE(m.has_value()) << ignore_file;
  return m && m->matches_or_parent_matches(path);
}

TEST(DockerIgnore, Clean) {
  EXPECT_EQ(clean(""), ".");
  EXPECT_EQ(clean("./a/b/"), "a/b");
  EXPECT_EQ(clean("a//b/./c/.."), "a/b");
  EXPECT_EQ(clean("../a"), "../a");
  EXPECT_EQ(clean("/../a"), "/a");
  EXPECT_EQ(clean("a/../.."), "..");
  EXPECT_EQ(clean("/"), "/");
}

TEST(DockerIgnore, PatternKinds) {
  EXPECT_TRUE(ignored("*.md", "README.md"));
  EXPECT_FALSE(ignored("*.md", "docs/README.md"));  // '*' stays inside one segment
  EXPECT_TRUE(ignored("**/*.md", "docs/a/README.md"));
  EXPECT_TRUE(ignored("**/*.md", "README.md"));
  EXPECT_TRUE(ignored("**/node_modules", "web/node_modules/x/y.js"));  // suffix + parent
  EXPECT_TRUE(ignored("**/node_modules", "node_modules"));
  EXPECT_TRUE(ignored("build/**", "build/out/a.o"));
  EXPECT_FALSE(ignored("build/**", "build"));  // prefix "build/" needs something after it
  EXPECT_TRUE(ignored("a/**/b", "a/b"));
  EXPECT_TRUE(ignored("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(ignored("a/**/b", "a/xb"));
  EXPECT_TRUE(ignored("file?.txt", "file1.txt"));
  EXPECT_FALSE(ignored("file?.txt", "file.txt"));
  EXPECT_TRUE(ignored("file?.txt", "file\xC3\xA9.txt"));  // '?' is one character, not a byte
  EXPECT_TRUE(ignored("[a-c]x", "bx"));
  EXPECT_FALSE(ignored("[a-c]x", "dx"));
  EXPECT_TRUE(ignored("[^a-c]x", "dx"));
  EXPECT_TRUE(ignored("a\\*b", "a*b"));
  EXPECT_FALSE(ignored("a\\*b", "axb"));
  EXPECT_TRUE(ignored("a.b", "a.b"));
  EXPECT_FALSE(ignored("a.b", "axb"));  // '.' is not a regexp wildcard
  EXPECT_TRUE(ignored("**", "anything/at/all"));
  EXPECT_TRUE(ignored("*", "."));
}

TEST(DockerIgnore, FileSyntax) {
  // BOM, comments (only at the start of the line), blanks, leading '/', cleaning.
  EXPECT_TRUE(ignored("\xEF\xBB\xBF# comment\n\n  /secret/ \n", "secret/key"));
  EXPECT_TRUE(ignored("  # not a comment\n", "# not a comment"));
  EXPECT_TRUE(ignored("./a/../b\n", "b/c"));
  EXPECT_TRUE(ignored("x\r\n", "x"));
  // Later patterns win; exclusions re-include.
  std::optional<Matcher> m = Matcher::parse("*.md\n!README.md\n");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->has_exclusions());
  EXPECT_FALSE(m->matches_or_parent_matches("README.md"));
  EXPECT_TRUE(m->matches_or_parent_matches("CHANGES.md"));
  // Malformed files give no matcher, as in BuildKit.
  EXPECT_FALSE(Matcher::parse("!\n").has_value());
  EXPECT_FALSE(Matcher::parse("[abc\n").has_value());
  EXPECT_FALSE(Matcher::parse("abc\\\n").has_value());
}

TEST(CopyIgnoredFile, ReadsTheIgnoreFileBesideTheDockerfile) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "dfopt-copy-ignored-file-test";
  fs::create_directories(dir);
  const std::string text = "FROM a\nCOPY secret.txt app.py /app/\n";
  std::ofstream(dir / ".dockerignore") << "secret.txt\n";
  EXPECT_EQ(run("copy-ignored-file", text, (dir / "Dockerfile").string()).size(), 1u);
  // <Dockerfile>.dockerignore takes precedence over .dockerignore.
  std::ofstream(dir / "app.Dockerfile.dockerignore") << "app.py\n";
  const std::vector<Diagnostic> d =
      run("copy-ignored-file", text, (dir / "app.Dockerfile").string());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("'app.py'"), std::string::npos);
  // No ignore file (or standard input): inactive.
  EXPECT_TRUE(run("copy-ignored-file", text, "-").empty());
  fs::remove_all(dir);
}

TEST(CopyContextWithoutDockerignore, GeneratedFoldersBesideTheirManifests) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "dfopt-copy-context-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string text = "FROM rust:1\nCOPY . .\n";
  const std::string path = (dir / "Dockerfile").string();
  std::ofstream(dir / ".dockerignore") << ".git\n";
  // No manifest: excluding .git is enough.
  EXPECT_TRUE(run("copy-context-without-dockerignore", text, path).empty());
  // Cargo.toml: the build output `target` must be excluded too.
  std::ofstream(dir / "Cargo.toml") << "[package]\n";
  std::vector<Diagnostic> d = run("copy-context-without-dockerignore", text, path);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("does not exclude `target` (beside `Cargo.toml`)"),
            std::string::npos)
      << d[0].message;
  // `target/` or `**/target` exclude it as well as `target`.
  std::ofstream(dir / ".dockerignore") << ".git\ntarget/\n";
  EXPECT_TRUE(run("copy-context-without-dockerignore", text, path).empty());
  // Gradle's `build` folder.
  std::ofstream(dir / "build.gradle.kts") << "\n";
  d = run("copy-context-without-dockerignore", text, path);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].message.find("`build` (beside `build.gradle.kts`)"), std::string::npos);
  std::ofstream(dir / ".dockerignore") << ".git\n**/target\nbuild\n";
  EXPECT_TRUE(run("copy-context-without-dockerignore", text, path).empty());
  fs::remove_all(dir);
}

TEST(UndefinedVariable, BaseImageHeuristics) {
  // Scratch chains are checked exactly, positional parameters included.
  EXPECT_EQ(run("undefined-variable", "FROM scratch\nENV A=$1\n").size(), 1u);
  // External base: unknown names are left to the image, typos of declared names are not.
  EXPECT_TRUE(run("undefined-variable", "FROM golang\nWORKDIR $GOPATH/src\n").empty());
  EXPECT_EQ(run("undefined-variable", "FROM golang\nENV GOPATHS=/x\nWORKDIR $GOPATH/src\n").size(),
            1u);
  // A global ARG is visible in a stage only after it is re-declared.
  EXPECT_EQ(run("undefined-variable", "ARG V=1\nFROM alpine\nENV X=$V\n").size(), 1u);
  EXPECT_TRUE(run("undefined-variable", "ARG V=1\nFROM alpine\nARG V\nENV X=$V\n").empty());
  // A stage FROM another sees its variables.
  EXPECT_TRUE(run("undefined-variable", "FROM scratch AS a\nENV X=1\nFROM a\nENV Y=$X\n").empty());
  // Reported once per instruction, at the reference.
  const std::vector<Diagnostic> d = run("undefined-variable", "FROM scratch\nENV A=$U B=${U}\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].range.begin, 19u);
  EXPECT_EQ(d[0].range.end, 21u);
  OptionValues strict;
  strict.values = {{"undefined-variable.strict-base-env", "true"}};
  EXPECT_EQ(
      run("undefined-variable", "FROM golang\nWORKDIR $GOPATH/src\n", "Dockerfile", strict).size(),
      1u);
}

TEST(WorkdirRules, ChainAndExpansion) {
  // workdir-relative-path: a WORKDIR in the parent stage counts, a relative one too.
  EXPECT_TRUE(run("workdir-relative-path", "FROM a AS p\nWORKDIR x\nFROM p\nWORKDIR y\n").size() ==
              1u);
  // Expansion happens first: an absolute value passes, a relative one is flagged.
  EXPECT_TRUE(run("workdir-relative-path", "FROM a\nARG D=/x\nWORKDIR $D\n").empty());
  EXPECT_EQ(run("workdir-relative-path", "FROM a\nENV D=x\nWORKDIR $D\n").size(), 1u);
  // relative-workdir (hadolint): every relative WORKDIR, variables not expanded.
  EXPECT_EQ(run("relative-workdir", "FROM a\nWORKDIR /x\nWORKDIR y\n").size(), 1u);
  EXPECT_TRUE(run("relative-workdir", "FROM a\nENV D=x\nWORKDIR $D\n").empty());
}

TEST(EnvSelfReference, Forms) {
  EXPECT_EQ(run("env-self-reference", "FROM a\nENV A=1 B=\"${A}\"\n").size(), 1u);
  EXPECT_EQ(run("env-self-reference", "FROM a\nENV A=1 B=$A-x\n").size(), 1u);
  EXPECT_TRUE(run("env-self-reference", "FROM a\nENV A=1 B=$A_x\n").empty());
  // Defined earlier anywhere in the file (hadolint keeps one set for the whole file).
  EXPECT_TRUE(run("env-self-reference", "FROM a\nENV A=0\nFROM b\nENV A=1 B=$A\n").empty());
}

}  // namespace
}  // namespace dfopt
