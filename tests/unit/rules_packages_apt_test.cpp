// The command readers of the apt and apk rules (rules/packages/pkg_commands.h): hadolint's view of
// arguments and flags, and package-manager invocations behind wrappers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../rules/packages/pkg_commands.h"
#include "dfopt/shell.h"

namespace dfopt {
namespace {

using rules::pkg::HadolintArgs;

shell::Script parse(std::string_view text) {
  static shell::ShellParser parser;
  return parser.parse(text);
}

std::vector<std::string> texts(const HadolintArgs& a, const std::vector<uint32_t>& idx) {
  std::vector<std::string> out;
  for (uint32_t i : idx) out.emplace_back(a.text(i));
  return out;
}

TEST(PackagesApt, OversimplifyReplacesEachExpansionLikeShellCheck) {
  const shell::Script s =
      parse("apt-get install a=$V \"${P:-x=1}\" \"$(cat /tmp/p)\" `ls /x` $1 'lit$x' b=$((1+2))");
  ASSERT_FALSE(s.commands.empty());
  ASSERT_EQ(s.commands[0].name(), "apt-get");  // its substitutions follow it
  const HadolintArgs a(s.commands[0]);
  EXPECT_EQ(a.text(2), "a=${VAR}");
  EXPECT_EQ(a.text(3), "${VAR}");  // the `=` inside the expansion is not the word's
  EXPECT_EQ(a.text(4), "${VAR}");  // nor the `/` inside the substitution
  EXPECT_EQ(a.text(5), "${VAR}");
  EXPECT_EQ(a.text(6), "${VAR}");
  EXPECT_EQ(a.text(7), "lit$x");  // single-quoted: literal
  EXPECT_EQ(a.text(8), "b=${VAR}");
}

TEST(PackagesApt, FlagsAreReadAsHadolintReadsThem) {
  const shell::Script s = parse(
      "apt-get -qy --quiet=1 - -- --no-install-recommends --target-release=x nginx install curl");
  const HadolintArgs a(s.commands[0]);
  EXPECT_TRUE(a.has_flag("q"));
  EXPECT_TRUE(a.has_flag("y"));
  EXPECT_TRUE(a.has_flag("quiet"));
  EXPECT_TRUE(a.has_flag("no-install-recommends"));  // `--` ends nothing
  EXPECT_FALSE(a.has_flag("-"));
  EXPECT_FALSE(a.has_flag(""));
  EXPECT_EQ(a.count_flag("q"), 1u);
  EXPECT_EQ(a.find_arg("install"), 8u);
  // `-` and `--` are not flags; the word after --target-release=... is kept, since the option
  // carries its value (hadolint 2.15's dropFlagArg).
  constexpr std::string_view kValue[] = {"target-release"};
  EXPECT_EQ(texts(a, a.args_without_flags(kValue)),
            (std::vector<std::string>{"-", "--", "nginx", "install", "curl"}));
}

TEST(PackagesApt, ProgramWordLooksThroughWrappers) {
  auto program = [](std::string_view text) {
    const shell::Script s = parse(text);
    const shell::Command& c = s.commands.at(0);
    const uint32_t i = rules::pkg::program_word(c);
    return i == shell::npos ? std::string("<none>") : std::string(c.argv[i].text);
  };
  EXPECT_EQ(program("apt-get update"), "apt-get");
  EXPECT_EQ(program("sudo -E -u root apt-get update"), "apt-get");
  EXPECT_EQ(program("env -u X LANG=C DEBIAN_FRONTEND=noninteractive apt update"), "apt");
  EXPECT_EQ(program("nice -n 5 eatmydata apk update"), "apk");
  EXPECT_EQ(program("sudo"), "<none>");
}

TEST(PackagesApt, SubcommandSkipsOptionValues) {
  auto sub = [](std::string_view text, const shell::OptionSpec& spec) {
    const shell::Script s = parse(text);
    const shell::Command& c = s.commands.at(0);
    const uint32_t i = rules::pkg::subcommand_word(c, rules::pkg::program_word(c), spec);
    return i == shell::npos ? std::string("<none>") : std::string(c.argv[i].text);
  };
  EXPECT_EQ(sub("apt-get -o Acquire::Retries=3 -t stable -q update", rules::pkg::kAptOptions),
            "update");
  EXPECT_EQ(sub("sudo apt-get --option=x=1 -y install curl", rules::pkg::kAptOptions), "install");
  EXPECT_EQ(sub("apk -X https://x/main --no-cache add curl", rules::pkg::kApkOptions), "add");
  EXPECT_EQ(sub("apt-get -y", rules::pkg::kAptOptions), "<none>");
}

TEST(PackagesApt, ShortenCollapsesWhitespaceAndTruncates) {
  EXPECT_EQ(rules::pkg::shorten("$PACKAGES"), "$PACKAGES");
  EXPECT_EQ(rules::pkg::shorten("$( \t\tif a; then\n\t\techo b; fi )"),
            "$( if a; then echo b; fi )");
  EXPECT_EQ(rules::pkg::shorten("$(cat /a/very/long/path/to/a/list/of/packages.txt)", 20),
            "$(cat /a/very/long/p...");
}

TEST(PackagesApt, HadolintDoesNotSeeInnerScripts) {
  const shell::Script s = parse(
      "apt-get install a; sh -c 'apt-get install b && echo $(apt-get install c)'; "
      "echo \"$(apt-get install d)\"");
  std::vector<std::string> seen;
  for (const shell::Command* c : rules::pkg::hadolint_commands(s, "apt-get")) {
    seen.emplace_back(c->argv.back().text);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "d"}));
}

}  // namespace
}  // namespace dfopt
