// Unit tests for the tricky parts of the `security` rules (DF3xx): BuildKit's secret-name token
// match, the USER root spellings of each peer, and the ARG exemption of non-numeric-user. The
// fixtures in tests/rules/security cover the rules through the engine.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "../../rules/security/security_helpers.h"
#include "dfopt/engine.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

std::vector<Diagnostic> run(std::string_view rule, const std::string& text,
                            OptionValues options = {}) {
  const SourceFile src("Dockerfile", text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const SharedSettings shared;
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  if (!r) return {};
  return run_rules(std::span<const Rule* const>(&r, 1), ctx);
}

// The keys flagged by `rule` in a one-stage file declaring each of `names` with ARG.
std::vector<std::string> flagged_args(std::string_view rule, std::vector<std::string> names) {
  std::string text = "FROM alpine\n";
  for (const std::string& n : names) text += "ARG " + n + "\n";
  std::vector<std::string> out;
  for (const Diagnostic& d : run(rule, text)) {
    const size_t q = d.message.find('\'');
    out.push_back(d.message.substr(q + 1, d.message.find('\'', q + 1) - q - 1));
  }
  return out;
}

TEST(SecretTokens, WholePartsOnly) {
  using rules::security::has_token;
  constexpr std::string_view tokens[] = {"key", "token"};
  EXPECT_TRUE(has_token("KEY", tokens));
  EXPECT_TRUE(has_token("api_key", tokens));
  EXPECT_TRUE(has_token("Key_Id", tokens));
  EXPECT_TRUE(has_token("A__TOKEN__B", tokens));
  EXPECT_FALSE(has_token("MONKEY", tokens));
  EXPECT_FALSE(has_token("KEYS", tokens));
  EXPECT_FALSE(has_token("TOKENIZER", tokens));
  EXPECT_FALSE(has_token("", tokens));
  EXPECT_FALSE(has_token("_", tokens));
}

TEST(SecretRules, BuildKitTokensAndAllowList) {
  EXPECT_EQ(flagged_args("secret-in-arg-or-env",
                         {"GITHUB_TOKEN", "AUTH", "db_password", "my_pword", "PASSWD",
                          "SECRET_MESSAGE", "CREDENTIALS", "APIKEY", "PUBLIC_KEY", "KEY_FILE",
                          "KEY_VERSION", "TOKENIZER", "api-key", "PASSWORD_FILE_PATH"}),
            (std::vector<std::string>{"GITHUB_TOKEN", "AUTH", "db_password", "my_pword", "PASSWD",
                                      "SECRET_MESSAGE", "CREDENTIALS", "APIKEY"}));
}

TEST(SecretRules, HadolintListAndSubstrings) {
  EXPECT_EQ(flagged_args("secret-name-in-arg-or-env",
                         {"facebook_app_id", "TRAVIS_SUDO", "MY_API_KEY_PATH", "PRIVATE_REPO",
                          "username", "AUTH", "APIKEY", "CLIENTKEY"}),
            (std::vector<std::string>{"facebook_app_id", "TRAVIS_SUDO", "MY_API_KEY_PATH",
                                      "PRIVATE_REPO", "username"}));
}

TEST(SecretRules, TrivyListPrefixesAndTokens) {
  EXPECT_EQ(flagged_args("secret-in-final-stage",
                         {"HF_TOKEN", "REACT_APP_HF_TOKEN", "VITE_AZURE_CLIENT_ID",
                          "AZURE_CLIENT_ID", "azure_client_id", "GIT_USR", "HF_TOKEN_PATH",
                          "KEY_FILE", "PUBLIC_KEY", "VITE_NOTHING"}),
            (std::vector<std::string>{"HF_TOKEN", "REACT_APP_HF_TOKEN", "VITE_AZURE_CLIENT_ID",
                                      "AZURE_CLIENT_ID", "GIT_USR", "KEY_FILE"}));
}

TEST(SecretRules, BuildKitSkipsMetaArgsButHadolintDoesNot) {
  const std::string text = "ARG NPM_TOKEN\nFROM alpine\nARG NPM_TOKEN\n";
  EXPECT_EQ(run("secret-in-arg-or-env", text).size(), 1u);
  EXPECT_EQ(run("secret-name-in-arg-or-env", text).size(), 2u);
}

TEST(SecretRules, OnbuildTriggerNeedsAReachableChild) {
  const std::string unreachable =
      "FROM alpine AS base\nONBUILD ARG API_TOKEN\nFROM base AS child\nFROM alpine\n";
  EXPECT_TRUE(run("secret-in-arg-or-env", unreachable).empty());
  const std::string reachable =
      "FROM alpine AS base\nONBUILD ARG API_TOKEN\nFROM base AS child\nFROM alpine\n"
      "COPY --from=child / /\n";
  EXPECT_EQ(run("secret-in-arg-or-env", reachable).size(), 1u);
}

TEST(UserRules, RootSpellingsPerPeer) {
  struct Case {
    std::string user;
    bool dl3002, ds0002, ckv8;
  };
  const Case cases[] = {
      {"root", true, true, true},       {"0", true, true, false},
      {"root:root", true, true, false}, {"0:0", true, true, false},
      {"root:", true, false, false},    {"0:", true, false, false},
      {"rooted", false, false, false},  {"00", false, false, false},
      {"Root", false, false, false},    {"app", false, false, false},
  };
  for (const Case& c : cases) {
    const std::string text = "FROM alpine\nUSER " + c.user + "\n";
    EXPECT_EQ(run("root-stage-user", text).size(), c.dl3002 ? 1u : 0u) << c.user;
    EXPECT_EQ(run("root-final-user", text).size(), c.ds0002 ? 1u : 0u) << c.user;
    EXPECT_EQ(run("last-user-root-literal", text).size(), c.ckv8 ? 1u : 0u) << c.user;
  }
}

TEST(UserRules, RootStageUserLooksAtEachStagesLastUser) {
  const std::string text =
      "FROM alpine AS a\nUSER root\nUSER app\n"
      "FROM alpine AS b\nUSER app\nUSER root\n"
      "FROM alpine AS c\nUSER 0\n"
      "FROM alpine AS d\n";
  const std::vector<Diagnostic> d = run("root-stage-user", text);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_NE(d[0].message.find("stage 'b'"), std::string::npos);
  EXPECT_NE(d[1].message.find("stage 'c'"), std::string::npos);
}

TEST(UserRules, NonNumericUserArgExemption) {
  auto flagged = [](const std::string& text) { return run("non-numeric-user", text).size(); };
  EXPECT_EQ(flagged("FROM a\nUSER app\n"), 1u);
  EXPECT_EQ(flagged("FROM a\nUSER 1000:app\n"), 0u);
  EXPECT_EQ(flagged("FROM a\nUSER :app\n"), 0u);  // empty user part: nothing to resolve
  EXPECT_EQ(flagged("ARG U\nFROM a\nUSER $U\n"), 0u);
  EXPECT_EQ(flagged("FROM a\nARG U=1\nUSER ${U:-1000}:g\n"), 0u);
  EXPECT_EQ(flagged("FROM a\nUSER $U\nARG U\n"), 1u);    // declared after the USER
  EXPECT_EQ(flagged("FROM a\nENV U=1\nUSER $U\n"), 1u);  // ENV does not count
  EXPECT_EQ(flagged("FROM a\nARG U\nUSER app$\n"), 1u);
  EXPECT_EQ(flagged("FROM a\nARG U\nUSER ${V}\n"), 1u);
}

}  // namespace
}  // namespace dfopt
