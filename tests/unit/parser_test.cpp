#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "dfopt/dump.h"
#include "dfopt/parse.h"

namespace dfopt {
namespace {

struct Parsed {
  SourceFile file;
  ParseResult result;
  std::string_view slice(TextRange r) const { return file.slice(r); }
};

Parsed parse_text(std::string text) {
  Parsed p{SourceFile("Dockerfile", std::move(text)), {}};
  p.result = parse(p.file);
  return p;
}

TEST(Parser, KeywordFlagAndArgumentRangesSliceTheSource) {
  auto p = parse_text(
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
      "COPY --from=build --chown=app:app /src /dst\n"
      "ENV A=1 B=\"two words\"\n");
  ASSERT_TRUE(p.result.ok());
  const auto& ins = p.result.ast.instructions;
  ASSERT_EQ(ins.size(), 3u);
  EXPECT_EQ(p.slice(ins[0].keyword.range), "FROM");
  ASSERT_EQ(ins[0].flags.size(), 1u);
  EXPECT_EQ(p.slice(ins[0].flags[0].range), "--platform=$BUILDPLATFORM");
  EXPECT_EQ(p.slice(ins[0].flags[0].name_range), "platform");
  EXPECT_EQ(p.slice(ins[0].flags[0].value_range), "$BUILDPLATFORM");
  ASSERT_TRUE(ins[0].from_name.has_value());
  EXPECT_EQ(p.slice(ins[0].from_image->range), "golang:1.22");
  EXPECT_EQ(p.slice(ins[0].from_as->range), "AS");
  EXPECT_EQ(ins[0].from_name->value, "build");
  EXPECT_EQ(ins[1].flag("chown")->value, "app:app");
  EXPECT_EQ(p.slice(ins[1].args[1].range), "/dst");
  ASSERT_EQ(ins[2].pairs.size(), 2u);
  EXPECT_EQ(p.slice(ins[2].pairs[1].key.range), "B");
  EXPECT_EQ(p.slice(ins[2].pairs[1].value->range), "\"two words\"");
  EXPECT_EQ(p.slice(ins[2].range), "ENV A=1 B=\"two words\"");
}

TEST(Parser, ValuesAcrossContinuationsMapBackToEveryByte) {
  auto p = parse_text("RUN apt-get update && \\\n    # a comment\n\n    apt-get install -y \\\n      curl\n");
  ASSERT_EQ(p.result.ast.instructions.size(), 1u);
  const auto& run = p.result.ast.instructions[0];
  EXPECT_EQ(run.args[0].value, "apt-get update &&     apt-get install -y       curl");
  EXPECT_EQ(run.start_line, 1u);
  EXPECT_EQ(run.end_line, 5u);
  EXPECT_EQ(run.continuations.size(), 2u);
  EXPECT_EQ(run.empty_continuation_lines.size(), 1u);
  ASSERT_EQ(p.result.ast.comments.size(), 1u);
  EXPECT_TRUE(p.result.ast.comments[0].inside_instruction);
  EXPECT_EQ(p.slice(p.result.ast.comments[0].range), "# a comment");
  // The argument's range starts at "apt-get" and ends after "curl".
  EXPECT_EQ(p.slice(run.args[0].range).substr(0, 7), "apt-get");
  EXPECT_EQ(p.slice(run.args[0].range).substr(p.slice(run.args[0].range).size() - 4), "curl");
}

TEST(Parser, CrlfAndByteOrderMarkAreTransparent) {
  auto p = parse_text("\xEF\xBB\xBF" "FROM alpine\r\nRUN echo a \\\r\n  b\r\nCMD [\"sh\"]\r\n");
  ASSERT_TRUE(p.result.ok());
  EXPECT_TRUE(p.result.ast.has_bom);
  EXPECT_TRUE(p.result.ast.crlf);
  EXPECT_EQ(dump_buildkit(p.result.ast), "(from \"alpine\")\n(run \"echo a   b\")\n(cmd \"sh\")\n");
  EXPECT_EQ(p.slice(p.result.ast.instructions[0].range), "FROM alpine");
  EXPECT_EQ(p.result.ast.instructions[0].keyword.range.begin, 3u);
}

TEST(Parser, BacktickEscapeDirective) {
  auto p = parse_text("# escape=`\nFROM windows\nRUN dir c:\\ `\n  && echo done\n");
  ASSERT_TRUE(p.result.ok());
  EXPECT_EQ(p.result.ast.escape, '`');
  ASSERT_EQ(p.result.ast.directives.size(), 1u);
  EXPECT_EQ(p.result.ast.instructions[1].args[0].value, "dir c:\\   && echo done");
}

TEST(Parser, HeredocsAreAttachedWithTheirBodies) {
  auto p = parse_text("FROM a\nRUN <<EOF cat <<-'X'\necho $HOME\nEOF\n\tliteral\n\tX\nRUN true\n");
  ASSERT_TRUE(p.result.ok()) << p.result.diagnostics[0].message;
  const auto& run = p.result.ast.instructions[1];
  ASSERT_EQ(run.heredocs.size(), 2u);
  EXPECT_EQ(run.heredocs[0].name, "EOF");
  EXPECT_TRUE(run.heredocs[0].expand);
  EXPECT_EQ(run.heredocs[0].content, "echo $HOME\n");
  EXPECT_EQ(run.heredocs[1].name, "X");
  EXPECT_FALSE(run.heredocs[1].expand);
  EXPECT_TRUE(run.heredocs[1].chomp);
  EXPECT_EQ(p.slice(run.heredocs[1].terminator), "\tX");
  EXPECT_EQ(run.end_line, 6u);
  EXPECT_EQ(p.result.ast.instructions[2].start_line, 7u);
}

TEST(Parser, SyntaxErrorsAreLocatedAndParsingContinues) {
  auto p = parse_text("FROM a\nENV ONLYKEY\nLABEL a=b c\nCMD [\"a\", 1]\nRUN echo ok\n");
  EXPECT_FALSE(p.result.ok());
  ASSERT_EQ(p.result.diagnostics.size(), 3u);
  for (const auto& d : p.result.diagnostics) EXPECT_EQ(d.code, "syntax-error");
  EXPECT_EQ(p.file.position(p.result.diagnostics[0].range.begin).line, 2u);
  EXPECT_EQ(p.file.position(p.result.diagnostics[1].range.begin), (Position{3, 11}));
  EXPECT_NE(p.result.diagnostics[1].message.find("\"c\""), std::string::npos);
  EXPECT_EQ(p.file.position(p.result.diagnostics[2].range.begin).line, 4u);
  ASSERT_EQ(p.result.ast.instructions.size(), 5u);
  EXPECT_EQ(p.result.ast.instructions[4].args[0].value, "echo ok");
}

TEST(Parser, UnterminatedHeredocIsAnError) {
  auto p = parse_text("FROM a\nRUN <<EOF\necho never ends\n");
  ASSERT_FALSE(p.result.ok());
  EXPECT_NE(p.result.diagnostics[0].message.find("unterminated heredoc"), std::string::npos);
  EXPECT_FALSE(p.result.ast.instructions[1].heredocs[0].terminated);
}

TEST(Parser, DirectiveErrors) {
  EXPECT_FALSE(parse_text("# escape=x\nFROM a\n").result.ok());
  EXPECT_FALSE(parse_text("# syntax=a\n# syntax=b\nFROM a\n").result.ok());
  // After a blank line a directive is an ordinary comment.
  auto p = parse_text("\n# escape=`\nFROM a\n");
  EXPECT_TRUE(p.result.ok());
  EXPECT_EQ(p.result.ast.escape, '\\');
}

TEST(Parser, BinaryAndInvalidInputGiveClearDiagnostics) {
  auto nul = parse_text(std::string("FROM a\nRUN x\0y\n", 14));
  ASSERT_EQ(nul.result.diagnostics.size(), 1u);
  EXPECT_EQ(nul.result.diagnostics[0].code, "binary-file");
  EXPECT_EQ(nul.file.position(nul.result.diagnostics[0].range.begin), (Position{2, 6}));

  auto bad = parse_text("FROM a\nRUN echo \xff\xfe ok\n");
  ASSERT_TRUE(bad.result.ok());
  ASSERT_EQ(bad.result.diagnostics.size(), 1u);
  EXPECT_EQ(bad.result.diagnostics[0].code, "invalid-utf8");
  EXPECT_EQ(bad.result.ast.instructions[1].args[0].value, "echo \xff\xfe ok");
  EXPECT_EQ(dump_buildkit(bad.result.ast), "(from \"a\")\n(run \"echo \\xff\\xfe ok\")\n");

  ParseOptions small;
  small.max_bytes = 16;
  SourceFile big("Dockerfile", std::string(1000, '#'));
  auto r = parse(big, small);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "file-too-large");
}

TEST(Parser, PathologicalInputsStayLinear) {
  // A million-line continuation, a 60,000-deep JSON nesting and deep ONBUILD chains parse
  // (or fail cleanly) without exhausting the stack.
  std::string cont = "FROM a\nRUN echo \\\n";
  for (int i = 0; i < 1000000; ++i) cont += "a \\\n";
  cont += "b\n";
  auto p = parse_text(std::move(cont));
  ASSERT_TRUE(p.result.ok());
  EXPECT_EQ(p.result.ast.instructions[1].end_line, 1000003u);
  EXPECT_EQ(p.result.ast.instructions[1].continuations.size(), 1000001u);

  auto json = parse_text("FROM a\nCMD " + std::string(60000, '[') + "\n");
  ASSERT_TRUE(json.result.ok());
  EXPECT_EQ(json.result.ast.instructions[1].form, ast::ArgForm::shell);

  std::string onbuild = "FROM a\n";
  for (int i = 0; i < 100000; ++i) onbuild += "ONBUILD ";
  auto o = parse_text(onbuild + "RUN x\n");
  EXPECT_FALSE(o.result.ok());
  EXPECT_EQ(o.result.ast.instructions.size(), 2u);
}

TEST(Parser, ParsersOnSeveralThreadsAgree) {
  std::string text =
      "# syntax=docker/dockerfile:1\nFROM a AS b\nRUN --mount=type=cache,target=/x <<EOF\nls\nEOF\n"
      "COPY [\"a\", \"b\"]\nENV X=1\nONBUILD RUN echo \\\n  hi\n";
  std::string expected = dump_buildkit(parse_text(text).result.ast);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Parser parser;
      for (int i = 0; i < 200; ++i) {
        SourceFile f("Dockerfile", text);
        if (dump_buildkit(parser.parse(f).ast) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Parser, ReusedParserResetsBetweenFiles) {
  Parser parser;
  SourceFile a("a", "# escape=`\nFROM a\nRUN x `\n y\n");
  SourceFile b("b", "FROM b\nRUN x \\\n y\n");
  auto ra = parser.parse(a);
  auto rb = parser.parse(b);
  EXPECT_EQ(ra.ast.escape, '`');
  EXPECT_EQ(rb.ast.escape, '\\');
  EXPECT_EQ(rb.ast.instructions[1].args[0].value, "x  y");
}

}  // namespace
}  // namespace dfopt
