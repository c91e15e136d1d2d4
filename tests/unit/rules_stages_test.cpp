// Unit tests for the tricky parts of the `stages` rules: stage-name-casing's rename of every
// reference (and when it refuses), hadolint's stage-index reading in copy-from-unknown-stage,
// and the "did you mean" helper both categories share.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "../../rules/base/suggest.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

std::vector<Diagnostic> run(std::string_view rule, const std::string& text) {
  const SourceFile src("Dockerfile", text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const SharedSettings shared;
  const OptionValues options;
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  if (!r) return {};
  return run_rules(std::span<const Rule* const>(&r, 1), ctx);
}

std::string fixed(std::string_view rule, const std::string& text) {
  return apply_fixes(text, run(rule, text), /*unsafe=*/true);
}

TEST(Suggest, LevenshteinAndClosestName) {
  using rules::detail::closest_name;
  using rules::detail::levenshtein;
  EXPECT_EQ(levenshtein("", "abc"), 3u);
  EXPECT_EQ(levenshtein("kitten", "sitting"), 3u);
  EXPECT_EQ(levenshtein("Build", "build"), 1u);
  EXPECT_EQ(levenshtein("Build", "build", false), 0u);
  const std::vector<std::string_view> names = {"builder", "build", "test"};
  EXPECT_EQ(closest_name("buidler", names), "builder");
  EXPECT_EQ(closest_name("buil", names), "build");  // distance 1 beats builder's 3
  EXPECT_EQ(closest_name("build", names), "");      // an exact match: nothing to suggest
  EXPECT_EQ(closest_name("deploy", names), "");     // nothing below distance 3
  EXPECT_EQ(closest_name("BUILD", names, false), "build");
  EXPECT_EQ(closest_name("BUILD", names, true), "");
}

TEST(CopyFromUnknownStage, LeadingDigitsAreAStageIndex) {
  // hadolint's Data.Text.Read.decimal: leading digits, the rest ignored; compared with the
  // number of FROMs so far (the current one included).
  const std::string head = "FROM a AS x\nFROM b\n";
  EXPECT_TRUE(run("DF201", head + "COPY --from=1 /a /b\n").empty());
  EXPECT_TRUE(run("DF201", head + "COPY --from=1abc /a /b\n").empty());
  EXPECT_TRUE(run("DF201", head + "COPY --from=001 /a /b\n").empty());
  EXPECT_EQ(run("DF201", head + "COPY --from=2 /a /b\n").size(), 1u);
  EXPECT_EQ(run("DF201", head + "COPY --from=99999999999999999999999 /a /b\n").size(), 1u);
  EXPECT_EQ(run("DF201", head + "COPY --from=-1 /a /b\n").size(), 1u);
}

TEST(StageNameCasing, RenamesEveryReference) {
  const std::string text =
      "FROM alpine AS Base\n"
      "FROM Base AS b2\n"
      "COPY --from=BASE /a /b\n"
      "RUN --mount=type=bind,from=Base,target=/x --mount=type=cache,target=/y true\n"
      "ONBUILD RUN --mount=from=base,target=/z true\n"
      "ONBUILD COPY --from=Base /a /b\n";
  EXPECT_EQ(fixed("DF205", text),
            "FROM alpine AS base\n"
            "FROM base AS b2\n"
            "COPY --from=base /a /b\n"
            "RUN --mount=type=bind,from=base,target=/x --mount=type=cache,target=/y true\n"
            "ONBUILD RUN --mount=from=base,target=/z true\n"
            "ONBUILD COPY --from=base /a /b\n");
}

TEST(StageNameCasing, EarlierFromIsAnImageNotAReference) {
  // Only a later FROM can name the stage; `FROM Base` above it stays as written.
  EXPECT_EQ(fixed("DF205", "FROM Base\nFROM alpine AS Base\n"), "FROM Base\nFROM alpine AS base\n");
}

TEST(StageNameCasing, NoFixWhenAReferenceCannotBeRewritten) {
  auto has_fix = [](const std::string& text) {
    const auto d = run("DF205", text);
    EXPECT_EQ(d.size(), 1u) << text;
    return !d.empty() && d[0].fix.has_value();
  };
  EXPECT_TRUE(has_fix("FROM alpine AS Base\nCOPY --from=Base /a /b\n"));
  // A variable in --from (BuildKit rejects it, and it might name the stage).
  EXPECT_FALSE(has_fix("FROM alpine AS Base\nCOPY --from=$X /a /b\n"));
  // A quoted reference: its source text is not its value.
  EXPECT_FALSE(has_fix("FROM alpine AS Base\nCOPY --from=\"Base\" /a /b\n"));
  EXPECT_FALSE(has_fix("FROM alpine AS Base\nRUN --mount=\"from=Base\",target=/x true\n"));
  // An ARG that expands to the stage name.
  EXPECT_FALSE(has_fix("ARG S=Base\nFROM alpine AS Base\nFROM $S\n"));
  // An ARG that expands to something else is not a reference.
  EXPECT_TRUE(has_fix("ARG S=alpine\nFROM alpine AS Base\nFROM $S\n"));
  // The lower-cased name would still be invalid.
  EXPECT_FALSE(has_fix("FROM alpine AS Base!\n"));
}

TEST(StageNameCasing, DuplicateNamesConverge) {
  // Two stages share the name in different cases: both fixes edit the same references, one per
  // pass, and the loop converges.
  std::string text = "FROM a AS Build\nFROM b AS BUILD\nCOPY --from=Build /x /y\n";
  for (int i = 0; i < 5; ++i) {
    std::string next = fixed("DF205", text);
    if (next == text) break;
    text = next;
  }
  EXPECT_EQ(text, "FROM a AS build\nFROM b AS build\nCOPY --from=build /x /y\n");
}

TEST(FromAsCasing, OnlyConsistentFromKeywords) {
  EXPECT_EQ(run("DF206", "FROM a as b\n").size(), 1u);
  EXPECT_EQ(run("DF206", "from a As b\n").size(), 1u);
  EXPECT_TRUE(run("DF206", "From a as b\n").empty());
  EXPECT_TRUE(run("DF206", "FROM a AS b\n").empty());
  EXPECT_EQ(fixed("DF206", "FROM a as b\n"), "FROM a AS b\n");
}

TEST(DuplicateStageName, ManyStagesReportEachRepeat) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "FROM alpine AS s" + std::to_string(i % 50) + "\n";
  EXPECT_EQ(run("DF203", text).size(), 150u);
}

}  // namespace
}  // namespace dfopt
