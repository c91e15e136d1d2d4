// The shell model as rules see it: FileContext::script() and the helpers of
// rules/common/shell_rules.h.
#include <gtest/gtest.h>

#include <string>

#include "../../rules/common/shell_rules.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

struct Fixture {
  explicit Fixture(std::string text)
      : src("Dockerfile", std::move(text)), parsed(parse(src)), m(model::build_model(parsed.ast, src)) {}
  FileContext context() const { return FileContext{src, parsed.ast, m, shared, options}; }
  SourceFile src;
  ParseResult parsed;
  model::Model m;
  SharedSettings shared;
  OptionValues options;
};

TEST(ShellContext, ScriptIsParsedOnceAndSharedBetweenCalls) {
  Fixture f("FROM alpine\nRUN apk add curl && cd /tmp\nONBUILD RUN sudo ls\n");
  const FileContext ctx = f.context();
  const shell::Script& a = ctx.script(1);
  ASSERT_TRUE(a.is_sh());
  ASSERT_EQ(a.commands.size(), 2u);
  EXPECT_EQ(a.commands[1].name(), "cd");
  EXPECT_EQ(&a, &ctx.script(1));  // cached, not re-parsed
  // ONBUILD gives the wrapped instruction's script.
  const shell::Script& onb = ctx.script(2);
  ASSERT_EQ(onb.commands.size(), 1u);
  EXPECT_EQ(onb.commands[0].name(), "sudo");
  EXPECT_EQ(ctx.script(0).dialect, shell::Dialect::none);  // FROM runs nothing
}

TEST(ShellContext, RunScriptSkipsNonShDialects) {
  Fixture f(
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "SHELL [\"powershell\", \"-Command\"]\n"
      "RUN Get-ChildItem | Select-Object Name\n"
      "FROM alpine\n"
      "RUN ls | wc -l\n");
  const FileContext ctx = f.context();
  const InstrRef win{f.parsed.ast.instructions[2], 2, 0, false};
  EXPECT_EQ(rules::sh::run_script(ctx, win), nullptr);
  const InstrRef lin{f.parsed.ast.instructions[4], 4, 1, false};
  ASSERT_NE(rules::sh::run_script(ctx, lin), nullptr);
  const InstrRef from{f.parsed.ast.instructions[3], 3, 1, false};
  EXPECT_EQ(rules::sh::run_script(ctx, from), nullptr);
}

TEST(ShellContext, CacheMountIsASubstringMatchOnCacheAndTmpfsOnly) {
  Fixture f(
      "FROM debian\n"
      "RUN --mount=type=cache,target=/var/cache/apt/archives apt-get update\n"
      "RUN --mount=type=bind,target=/var/cache/apt apt-get update\n"
      "RUN --mount=type=tmpfs,target=/root/.cache/pip pip install x\n");
  const FileContext ctx = f.context();
  auto ref = [&](uint32_t i) { return InstrRef{f.parsed.ast.instructions[i], i, 0, false}; };
  EXPECT_TRUE(rules::sh::has_cache_mount(ctx, ref(1), "/var/cache/apt"));
  EXPECT_FALSE(rules::sh::has_cache_mount(ctx, ref(1), "/var/lib/apt"));
  EXPECT_FALSE(rules::sh::has_cache_mount(ctx, ref(2), "/var/cache/apt"));  // bind mount
  EXPECT_TRUE(rules::sh::has_cache_mount(ctx, ref(3), ".cache/pip"));
}

TEST(ShellContext, FinalOrBaseStage) {
  Fixture f(
      "FROM debian AS base\nRUN true\n"
      "FROM golang AS build\nRUN true\n"
      "FROM base AS app\nCOPY --from=build /x /x\n"
      "FROM app\n");
  EXPECT_TRUE(rules::sh::final_or_base_stage(f.m, 0));   // `FROM base` later
  EXPECT_FALSE(rules::sh::final_or_base_stage(f.m, 1));  // only a COPY --from source
  EXPECT_TRUE(rules::sh::final_or_base_stage(f.m, 2));
  EXPECT_TRUE(rules::sh::final_or_base_stage(f.m, 3));   // last
  EXPECT_FALSE(rules::sh::final_or_base_stage(f.m, model::npos));
}

}  // namespace
}  // namespace dfopt
