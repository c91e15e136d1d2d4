// `dfopt generate man|completions SHELL` and `dfopt --version`: the manual page and the bash, zsh
// and fish completion scripts are generated from the CLI definition. These tests walk the
// command tree through `--help` (so a new subcommand or option is covered without editing them),
// check that the generated files mention all of it, run each shell's syntax check when the shell
// is installed, and drive the bash and fish completions.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using dfopt::test::Outcome;
using dfopt::test::read_file;
using dfopt::test::shell_quote;




bool have(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

class CliGenerate : public dfopt::test::TempDirTest {
 protected:
  Outcome dfopt(const std::string& args) { return sh(shell_quote(DFOPT_BINARY) + " " + args); }

  /// `dfopt generate ARGS -o FILE`; returns the file's text.
  std::string generate(const std::string& args, const std::string& name) {
    const Outcome r = dfopt("generate " + args + " --output " + shell_quote((dir_ / name).string()));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    return read_file(dir_ / name);
  }
};

/// One command of the tree as `--help` shows it.
struct HelpNode {
  std::vector<std::string> path;
  std::set<std::string> long_options;  ///< "--format"
  std::vector<std::string> subcommands;
};

/// Parses CLI11's help: the long option names of "Options:" and the names of "Subcommands:".
HelpNode parse_help(const std::string& help, std::vector<std::string> path) {
  HelpNode node;
  node.path = std::move(path);
  static const std::regex long_option("(^|[ ,])(--[A-Za-z0-9][A-Za-z0-9-]*)");
  std::istringstream in(help);
  std::string line, section;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == ':' && line[0] != ' ') {
      section = line;
      continue;
    }
    if (line.size() < 3 || line.compare(0, 2, "  ") != 0 || line[2] == ' ') continue;
    const std::string head = line.substr(2, line.find("  ", 2) - 2);
    if (section == "Options:") {
      for (std::sregex_iterator it(head.begin(), head.end(), long_option), end; it != end; ++it) {
        node.long_options.insert((*it)[2]);
      }
    } else if (section == "Subcommands:") {
      node.subcommands.push_back(head.substr(0, head.find(' ')));
    }
  }
  return node;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

/// The roff spelling of a long option: "\-\-format".
std::string roff_option(const std::string& option) {
  std::string out;
  for (char c : option) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

TEST_F(CliGenerate, ManPageAndCompletionsCoverEveryCommandAndOption) {
  const std::string man = generate("man", "dfopt.1");
  const std::string bash = generate("completions bash", "dfopt.bash");
  const std::string zsh = generate("completions zsh", "_dfopt");
  const std::string fish = generate("completions fish", "dfopt.fish");
  ASSERT_NE(man.find(".TH DFOPT 1"), std::string::npos) << man.substr(0, 200);

  std::vector<std::vector<std::string>> queue = {{}};
  size_t commands = 0, options = 0;
  while (!queue.empty()) {
    const std::vector<std::string> path = queue.back();
    queue.pop_back();
    const Outcome r = dfopt(joined(path) + (path.empty() ? "" : " ") + "--help");
    ASSERT_EQ(r.status, 0) << joined(path) << ": " << r.err;
    const HelpNode node = parse_help(r.out, path);
    ++commands;
    if (!path.empty()) {
      EXPECT_NE(man.find(".SS \"dfopt " + joined(path) + "\""), std::string::npos)
          << "no section for 'dfopt " << joined(path) << "' in the man page";
      EXPECT_NE(zsh.find("_dfopt_" +
                         [&] {
                           std::string n;
                           for (const std::string& p : path) n += (n.empty() ? "" : "_") + p;
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         }() +
                         "()"),
                std::string::npos)
          << joined(path);
      EXPECT_NE(fish.find("-a '" + path.back() + "'"), std::string::npos) << joined(path);
    }
    for (const std::string& option : node.long_options) {
      ++options;
      EXPECT_NE(man.find("\\fB" + roff_option(option) + "\\fR"), std::string::npos)
          << "man page lacks " << option << " of 'dfopt " << joined(path) << "'";
      EXPECT_NE(bash.find(option), std::string::npos) << option;
      EXPECT_TRUE(zsh.find(option + "[") != std::string::npos ||
                  zsh.find(option + "=[") != std::string::npos)
          << option;
      EXPECT_NE(fish.find("-l '" + option.substr(2) + "'"), std::string::npos) << option;
    }
    for (const std::string& sub : node.subcommands) {
      std::vector<std::string> child = path;
      child.push_back(sub);
      queue.push_back(std::move(child));
    }
  }
  EXPECT_GE(commands, 5u);
  EXPECT_GE(options, 20u);
  // The hidden generator documents nothing about itself.
  EXPECT_EQ(man.find(".SS \"dfopt generate"), std::string::npos);
  EXPECT_EQ(zsh.find("_dfopt_generate"), std::string::npos);
  EXPECT_EQ(fish.find("-a 'generate'"), std::string::npos);
  std::istringstream lines(bash);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("words=") != std::string::npos) {
      EXPECT_EQ(line.find("generate"), std::string::npos) << line;
    }
  }
}

TEST_F(CliGenerate, ManPageIsValidRoff) {
  generate("man", "dfopt.1");
  if (!have("groff")) GTEST_SKIP() << "groff is not installed; man page rendering not checked";
  const Outcome r = sh("groff -man -Tutf8 -ww -z dfopt.1");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliGenerate, ShellSyntax) {
  generate("completions bash", "dfopt.bash");
  generate("completions zsh", "_dfopt");
  generate("completions fish", "dfopt.fish");
  Outcome r = sh("bash -n dfopt.bash");
  EXPECT_EQ(r.status, 0) << r.err;
  std::string skipped;
  if (have("zsh")) {
    r = sh("zsh -n _dfopt");
    EXPECT_EQ(r.status, 0) << r.err;
  } else {
    skipped += " zsh";
  }
  if (have("fish")) {
    r = sh("fish -n dfopt.fish");
    EXPECT_EQ(r.status, 0) << r.err;
  } else {
    skipped += " fish";
  }
  if (!skipped.empty()) GTEST_SKIP() << "not installed, syntax not checked:" << skipped;
}

TEST_F(CliGenerate, BashCompletion) {
  generate("completions bash", "dfopt.bash");
  std::ofstream(dir_ / "app.Dockerfile") << "FROM scratch\n";
  // Completes the words before the cursor and prints COMPREPLY, one candidate a line.
  const auto complete = [&](const std::string& words) {
    const Outcome r = sh("bash --norc --noprofile -c " +
                         shell_quote("source ./dfopt.bash && COMP_WORDS=(" + words +
                               ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _dfopt && "
                               "printf '%s\\n' \"${COMPREPLY[@]}\""));
    EXPECT_EQ(r.status, 0) << words << ": " << r.err;
    std::set<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.insert(line);
    }
    return out;
  };
  EXPECT_EQ(complete("dfopt ch"), (std::set<std::string>{"check"}));
  EXPECT_EQ(complete("dfopt check --fail-level ''"),
            (std::set<std::string>{"error", "warning", "info", "style", "none"}));
  EXPECT_EQ(complete("dfopt check --fail-level=w"), (std::set<std::string>{"warning"}));
  EXPECT_EQ(complete("dfopt check --stat"), (std::set<std::string>{"--statistics"}));
  // An option value is not a subcommand: `explain` here is the value of --config.
  EXPECT_EQ(complete("dfopt check --config explain --no-col"),
            (std::set<std::string>{"--no-color"}));
  // Positional arguments are files.
  EXPECT_EQ(complete("dfopt check app"), (std::set<std::string>{"app.Dockerfile"}));
  // Root options, and subcommands of subcommands.
  EXPECT_TRUE(complete("dfopt --ver").count("--version"));
  EXPECT_EQ(complete("dfopt audit tr"), (std::set<std::string>{"trend"}));
  EXPECT_TRUE(complete("dfopt audit trend --").count("--help"));
}

TEST_F(CliGenerate, FishCompletion) {
  generate("completions fish", "dfopt.fish");
  if (!have("fish")) GTEST_SKIP() << "fish is not installed";
  const Outcome r =
      sh("fish --no-config -c " +
         shell_quote("source ./dfopt.fish; complete -C 'dfopt check --fail-level '; echo ---; "
               "complete -C 'dfopt ch'"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("warning"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("---\ncheck\t"), std::string::npos) << r.out;
}

TEST_F(CliGenerate, ZshCompletionLoads) {
  generate("completions zsh", "_dfopt");
  if (!have("zsh")) GTEST_SKIP() << "zsh is not installed";
  // Loading it the way compinit does defines every function without errors.
  const Outcome r = sh("zsh -f -c " + shell_quote("autoload -Uz compinit && compinit -u -D && "
                                            "fpath=(. $fpath) && source ./_dfopt && "
                                            "whence -w _dfopt_check"));
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("_dfopt_check: function"), std::string::npos) << r.out;
}

TEST_F(CliGenerate, GenerateErrors) {
  Outcome r = dfopt("generate completions tcsh");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("tcsh"), std::string::npos) << r.err;
  r = dfopt("generate man --output " + shell_quote((dir_ / "missing" / "dfopt.1").string()));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("dfopt: error: cannot write"), std::string::npos) << r.err;
  // Hidden from the usage text.
  r = dfopt("--help");
  EXPECT_EQ(r.out.find("generate"), std::string::npos) << r.out;
}

TEST_F(CliGenerate, VersionNamesTheCommit) {
  const Outcome r = dfopt("--version");
  ASSERT_EQ(r.status, 0) << r.err;
  static const std::regex shape(R"(dfopt (\d+\.\d+\.\d+) \(commit ([^)\s]+)\)\n)");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.out, m, shape)) << r.out;
  // The commit is the source tree's, or "unknown" when it was built outside a git checkout.
  const std::string commit = m[2];
  if (commit != "unknown" && have("git")) {
    // `git describe` ends in an abbreviated commit name ("v0.1.0-3-gabc..." or "abc...").
    const size_t g = commit.rfind("-g");
    const std::string abbrev = g == std::string::npos ? commit : commit.substr(g + 2);
    const Outcome r2 =
        sh("git -C " + shell_quote(DFOPT_SOURCE_DIR) + " cat-file -e " + shell_quote(abbrev + "^{commit}"));
    EXPECT_EQ(r2.status, 0) << "'" << abbrev << "' is not a commit of the source tree: " << r2.err;
  }
}

}  // namespace
