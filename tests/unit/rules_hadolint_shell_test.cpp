// Unit tests for the commands hadolint sees in a script (rules/common/hadolint_shell.h), which
// the rules that mirror hadolint's RUN rules share. The fixtures in tests/rules cover the rules.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "../../rules/common/hadolint_shell.h"
#include "dfopt/shell.h"

namespace dfopt {
namespace {

/// "name@word" for each command hadolint sees in `script`.
std::vector<std::string> present(std::string_view script) {
  shell::ShellParser parser;
  const shell::Script s = parser.parse(script);
  EXPECT_TRUE(s.ok()) << script;
  std::vector<std::string> out;
  for (const rules::hadolint::PresentCommand& c : rules::hadolint::present_commands(s)) {
    out.push_back(std::string(c.name) + "@" + std::to_string(c.name_word));
  }
  return out;
}

using Names = std::vector<std::string>;

TEST(HadolintPresentCommands, FindsCommandsWhereShellCheckParsesThem) {
  EXPECT_EQ(present("a && b || c; d | e"), (Names{"a@0", "b@0", "c@0", "d@0", "e@0"}));
  EXPECT_EQ(present("(a) && { b; } && echo $(c) `d`"),
            (Names{"a@0", "b@0", "echo@0", "c@0", "d@0"}));
  EXPECT_EQ(present("if a; then b; fi; for i in 1; do c; done; f() { d; }"),
            (Names{"a@0", "b@0", "c@0", "d@0"}));
}

TEST(HadolintPresentCommands, SkipsScriptsShellCheckReadsAsStrings) {
  // `$(d)` is expanded by the RUN's shell before `bash` runs: ShellCheck parses it.
  EXPECT_EQ(present("sh -c 'a && b' && bash -c \"c $(d)\""), (Names{"sh@0", "bash@0", "d@0"}));
  EXPECT_EQ(present("bash <<EOF\na\nEOF\n"), (Names{"bash@0"}));
}

TEST(HadolintPresentCommands, SkipsTestsArithmeticAndNamelessCommands) {
  EXPECT_EQ(present("[ -f x ] && [[ -d y ]] && ((i++)) && test -e z"), (Names{"test@0"}));
  EXPECT_EQ(present("A=1; $CMD x; \"$TOOL\" y; B=2 c"), (Names{"c@0"}));
}

TEST(HadolintPresentCommands, NamesCommandsThroughWrappersAsShellCheckDoes) {
  EXPECT_EQ(present("busybox ln -s a b"), (Names{"ln@1"}));
  EXPECT_EQ(present("builtin cd /x && command cd /y && run make"),
            (Names{"cd@1", "cd@1", "make@1"}));
  EXPECT_EQ(present("command -v git"), (Names{"command@0"}));
  EXPECT_EQ(present("exec wget x"), (Names{"wget@1"}));
  EXPECT_EQ(present("exec -c -a name wget x"), (Names{"wget@4"}));
  EXPECT_EQ(present("exec -cl -aname wget x"), (Names{"wget@3"}));
  EXPECT_EQ(present("exec -x wget"), (Names{"exec@0"}));  // not an option of exec
  EXPECT_EQ(present("exec >/dev/null"), (Names{"exec@0"}));
  EXPECT_EQ(present("command \"$@\""), Names{});  // the name is not literal
  // Wrappers ShellCheck does not look through stay the command.
  EXPECT_EQ(present("sudo apt-get install x && env A=1 b && /bin/busybox ln"),
            (Names{"sudo@0", "env@0", "/bin/busybox@0"}));
}

TEST(HadolintPresentCommands, VisibilityFollowsTheParentChain) {
  shell::ShellParser parser;
  const shell::Script s = parser.parse("sh -c 'echo $(date)' && echo $(sh -c 'id')");
  ASSERT_TRUE(s.ok());
  std::vector<std::string> visible;
  for (const shell::Command& c : s.commands) {
    if (rules::hadolint::visible_to_shellcheck(s, c)) visible.push_back(std::string(c.name()));
  }
  EXPECT_EQ(visible, (std::vector<std::string>{"sh", "echo", "sh"}));
}

}  // namespace
}  // namespace dfopt
