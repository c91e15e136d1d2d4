// dfopt/dump.h: Go-compatible quoting, BuildKit's dump format on hand-built ASTs (independent of
// the parser), and the JSON view's shape.
#include "dfopt/dump.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace dfopt {
namespace {

using namespace std::string_literals;

// Expected values are what Go 1.21+ (Unicode 15.0.0) strconv.Quote returns.
TEST(GoQuote, MatchesStrconvQuote) {
  const std::pair<std::string, std::string> cases[] = {
      {"", R"("")"},
      {"plain text", R"("plain text")"},
      {R"(a"b\c)", R"("a\"b\\c")"},
      {"\a\b\f\n\r\t\v", R"("\a\b\f\n\r\t\v")"},
      {"\x00x"s, R"("\x00x")"},
      {"\x01\x1f\x7f", R"("\x01\x1f\x7f")"},
      {"'single'", R"("'single'")"},
      {"♥ ☃ 한국어 é", R"("♥ ☃ 한국어 é")"},
      {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},  // U+1F600, So: printable
      {"\xc2\xa0", R"("\u00a0")"},                   // NBSP: IsPrint allows only ASCII space
      {"\xc2\x85", R"("\u0085")"},                   // C1 control
      {"\xc2\xad", R"("\u00ad")"},                   // soft hyphen, Cf
      {"\xe2\x80\x8b", R"("\u200b")"},               // zero width space, Cf
      {"\xe2\x80\xa8", R"("\u2028")"},               // line separator, Zl
      {"\xef\xbb\xbf", R"("\ufeff")"},               // BOM, Cf
      {"\xee\x80\x80", R"("\ue000")"},               // private use, Co
      {"\xcd\xb8", R"("\u0378")"},                   // unassigned
      {"\xf4\x8f\xbf\xbf", R"("\U0010ffff")"},       // noncharacter, unassigned
      {"\xf3\xa0\x80\x81", R"("\U000e0001")"},       // language tag, Cf
      {"\xef\xbf\xbd", "\"\xef\xbf\xbd\""},          // an encoded U+FFFD is printable
      {"\xff", R"("\xff")"},                         // invalid bytes: \x each
      {"\xc0\xaf", R"("\xc0\xaf")"},                 // overlong '/'
      {"\xed\xa0\x80", R"("\xed\xa0\x80")"},         // UTF-16 surrogate
      {"\xe2\x99", R"("\xe2\x99")"},                 // truncated sequence
      {"\xe2\x99x", R"("\xe2\x99x")"},
      {"\xf4\x90\x80\x80", R"("\xf4\x90\x80\x80")"},  // above U+10FFFF
  };
  for (const auto& [in, expected] : cases) EXPECT_EQ(go_quote(in), expected) << expected;
}

ast::Word word(std::string value) { return ast::Word{std::move(value), {}}; }

ast::Instruction instr(ast::InstrKind kind, std::string keyword,
                       std::initializer_list<std::string> args = {}) {
  ast::Instruction in;
  in.kind = kind;
  in.keyword = word(std::move(keyword));
  for (const std::string& a : args) in.args.push_back(word(a));
  return in;
}

TEST(DumpBuildkit, EmptyFileIsOneNewline) { EXPECT_EQ(dump_buildkit(ast::Dockerfile{}), "\n"); }

TEST(DumpBuildkit, Format) {
  ast::Dockerfile df;
  df.instructions.push_back(instr(ast::InstrKind::from, "FROM", {"alpine", "AS", "b"}));
  ast::Instruction copy = instr(ast::InstrKind::copy, "Copy", {"a b", "/x"});
  copy.flags.push_back(ast::Flag{"--from=build", "from", "build", {}, {}, {}});
  copy.flags.push_back(ast::Flag{"--chown=\"1\"", "chown", "\"1\"", {}, {}, {}});
  df.instructions.push_back(std::move(copy));
  df.instructions.push_back(instr(ast::InstrKind::run, "run"));
  // Unknown instructions always dump one empty argument (BuildKit's parseIgnore).
  df.instructions.push_back(instr(ast::InstrKind::unknown, "FOO", {"bar", "baz"}));
  ast::Instruction onbuild = instr(ast::InstrKind::onbuild, "ONBUILD");
  onbuild.inner = std::make_unique<ast::Instruction>(instr(ast::InstrKind::run, "RUN", {"x"}));
  onbuild.inner->flags.push_back(ast::Flag{"--network=none", "network", "none", {}, {}, {}});
  df.instructions.push_back(std::move(onbuild));
  df.instructions.push_back(instr(ast::InstrKind::onbuild, "onbuild"));
  // strings.ToLower is Unicode-aware; invalid bytes become U+FFFD.
  df.instructions.push_back(instr(ast::InstrKind::unknown, "ÄRG\xff"));
  EXPECT_EQ(dump_buildkit(df),
            "(from \"alpine\" \"AS\" \"b\")\n"
            "(copy [\"--from=build\" \"--chown=\\\"1\\\"\"] \"a b\" \"/x\")\n"
            "(run)\n"
            "(foo \"\")\n"
            "(onbuild (run [\"--network=none\"] \"x\"))\n"
            "(onbuild)\n"
            "(ärg\xef\xbf\xbd \"\")\n");
}

TEST(DumpJson, ShapeAndPositions) {
  const SourceFile file("f", "FROM a\nRUN  x\n");
  ast::Dockerfile df;
  ast::Instruction from = instr(ast::InstrKind::from, "FROM", {"a"});
  from.keyword.range = {0, 4};
  from.args[0].range = {5, 6};
  from.from_image = from.args[0];
  df.instructions.push_back(std::move(from));
  ast::Instruction run = instr(ast::InstrKind::run, "RUN", {"x"});
  run.keyword.range = {7, 10};
  run.args[0].range = {12, 13};
  run.form = ast::ArgForm::shell;
  df.instructions.push_back(std::move(run));

  const std::string text = dump_json(df, file);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << text;
  EXPECT_EQ(doc["ast_version"], 1);
  EXPECT_EQ(doc["path"], "f");
  EXPECT_EQ(doc["escape"], "\\");
  ASSERT_EQ(doc["instructions"].size(), 2u);
  const auto& r = doc["instructions"][1];
  EXPECT_EQ(r["kind"], "run");
  EXPECT_EQ(r["form"], "shell");
  EXPECT_EQ(r["args"][0]["range"]["start"],
            nlohmann::json({{"offset", 12}, {"line", 2}, {"column", 6}}));
  EXPECT_TRUE(r["inner"].is_null());
  EXPECT_TRUE(r["from_image"].is_null());
  EXPECT_EQ(doc["instructions"][0]["from_image"]["value"], "a");
  for (const char* key : {"flags", "pairs", "heredocs", "continuations", "empty_continuation_lines",
                          "prev_comment"}) {
    EXPECT_TRUE(r[key].is_array()) << key;
  }
}

TEST(DumpJson, InvalidUtf8DoesNotThrow) {
  const SourceFile file("f", "LABEL x=\xff\n");
  ast::Dockerfile df;
  df.instructions.push_back(instr(ast::InstrKind::label, "LABEL", {"x", "\xff", "="}));
  const auto doc = nlohmann::json::parse(dump_json(df, file), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["instructions"][0]["args"][1]["value"], "\xef\xbf\xbd");
}

}  // namespace
}  // namespace dfopt
