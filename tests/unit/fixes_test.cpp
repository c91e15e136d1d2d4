// The fix engine: one pass (select_fixes), the fix loop and its safety checks (fix_file), and
// `# dfopt ignore=` pragmas (add_ignores). Byte preservation, idempotence over every rule
// fixture, refusal of fixes that break the parse or add findings, and pragma placement.
#include "dfopt/fixes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/parse.h"
#include "rules/fixtures.h"

namespace dfopt {
namespace {

Diagnostic fix_diag(std::string code, uint32_t b, uint32_t e, std::string text,
                    Applicability a = Applicability::safe) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = Severity::warning;
  d.message = "test";
  d.range = {b, e};
  Fix f;
  f.title = "test fix";
  f.edits.push_back({{b, e}, std::move(text)});
  f.applicability = a;
  d.fix = std::move(f);
  return d;
}

Settings select(std::initializer_list<std::string_view> ids) {
  Settings s;
  s.rules = RuleSet();
  for (std::string_view id : ids) s.rules.insert(*find_rule(id));
  return s;
}

Settings all_rules_settings() {
  Settings s;
  s.rules = RuleSet::all();
  return s;
}

FixResult fix(const std::string& text, const Settings& settings, FixOptions options = {}) {
  Parser parser;
  return fix_file(SourceFile("Dockerfile", text), settings, parser, options);
}

std::vector<std::string> codes(const std::vector<Diagnostic>& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d) out.push_back(x.code);
  return out;
}

// ---------------------------------------------------------------------------------------------
// One pass

TEST(SelectFixes, SkipsOverlapsAndAmbiguousInsertions) {
  // Replacement [2,5); an insertion inside it, one at its start and one at its end.
  std::vector<Diagnostic> d = {fix_diag("A", 2, 5, "x"), fix_diag("B", 3, 3, "i"),
                               fix_diag("C", 2, 2, "s"), fix_diag("D", 5, 5, "e"),
                               fix_diag("E", 5, 7, "r"), fix_diag("F", 9, 12, "oob")};
  // A goes first (it starts at 2, and comes before C); B inside it and C at its start conflict.
  // D at its end is fine; E starts where D inserts (their order would be arbitrary) and waits
  // for the next pass; F ends past the text.
  std::vector<std::string> names;
  for (size_t i : select_fixes(d, false, 10)) names.push_back(d[i].code);
  EXPECT_EQ(names, (std::vector<std::string>{"A", "D"}));
  // Without A, the insertions at 2 and 3 are independent.
  d.erase(d.begin());
  names.clear();
  for (size_t i : select_fixes(d, false, 10)) names.push_back(d[i].code);
  EXPECT_EQ(names, (std::vector<std::string>{"C", "B", "D"}));
}

TEST(SelectFixes, AdjacentEditsAreIndependent) {
  std::vector<Diagnostic> d = {fix_diag("A", 0, 2, "x"), fix_diag("B", 2, 4, "y")};
  EXPECT_EQ(select_fixes(d, false, 4).size(), 2u);
  EXPECT_EQ(apply_fixes("abcd", d, false), "xy");
}

TEST(SelectFixes, FixWithOverlappingEditsIsDropped) {
  Diagnostic d = fix_diag("A", 0, 3, "x");
  d.fix->edits.push_back({{2, 4}, "y"});
  EXPECT_TRUE(select_fixes(std::vector<Diagnostic>{d}, false, 10).empty());
}

TEST(SelectFixes, ManyEditsStayFast) {
  // 20,000 one-byte fixes: a quadratic overlap check would take seconds.
  std::vector<Diagnostic> d;
  for (uint32_t i = 0; i < 20000; ++i) d.push_back(fix_diag("A", 2 * i, 2 * i + 1, "x"));
  EXPECT_EQ(select_fixes(d, false, 40000).size(), 20000u);
}

// ---------------------------------------------------------------------------------------------
// fix_file: bytes

TEST(FixFile, KeepsEveryByteItDoesNotMeanToChange) {
  // BOM, CRLF, comments, a continuation with a comment inside, tabs, no final newline.
  const std::string text =
      "\xEF\xBB\xBF# syntax=docker/dockerfile:1\r\n"
      "# top comment\r\n"
      "FROM alpine:3.20 as build\r\n"
      "\r\n"
      "  # indented comment\r\n"
      "\tENV A 1\r\n"
      "RUN echo a \\\r\n"
      "  # inside\r\n"
      "  && echo b\r\n"
      "ENV B two";
  const FixResult r = fix(text, select({"DF206", "DF703"}));
  EXPECT_TRUE(r.withheld.empty());
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.report.source.text(),
            "\xEF\xBB\xBF# syntax=docker/dockerfile:1\r\n"
            "# top comment\r\n"
            "FROM alpine:3.20 AS build\r\n"
            "\r\n"
            "  # indented comment\r\n"
            "\tENV A=1\r\n"
            "RUN echo a \\\r\n"
            "  # inside\r\n"
            "  && echo b\r\n"
            "ENV B=two");
  EXPECT_EQ(r.applied.size(), 3u);
  EXPECT_TRUE(r.report.diagnostics.empty());
}

TEST(FixFile, NothingToFixKeepsTheText) {
  const std::string text = "FROM alpine:3.20\nRUN true\n";
  const FixResult r = fix(text, Settings());
  EXPECT_FALSE(r.changed());
  EXPECT_EQ(r.passes, 0u);
  EXPECT_TRUE(r.applied.empty());
}

TEST(FixFile, UnsafeFixesOnlyWhenAsked) {
  const std::string text = "FROM alpine:3.20\nMAINTAINER someone\n";
  const FixResult safe = fix(text, select({"DF701"}));
  EXPECT_FALSE(safe.changed());
  EXPECT_EQ(codes(safe.report.diagnostics), std::vector<std::string>{"DF701"});
  FixOptions unsafe;
  unsafe.unsafe = true;
  const FixResult r = fix(text, select({"DF701"}), unsafe);
  EXPECT_TRUE(r.changed());
  ASSERT_EQ(r.applied.size(), 1u);
  EXPECT_EQ(r.applied[0].applicability, Applicability::unsafe);
  EXPECT_TRUE(r.report.diagnostics.empty());
}

TEST(FixFile, FileWithSyntaxErrorsIsNotFixed) {
  const std::string text = "FROM alpine:3.20\nENV A 1\nRUN <<EOF\necho\n";
  const FixResult r = fix(text, select({"DF703"}));
  EXPECT_EQ(r.skipped, FixSkip::syntax_errors);
  EXPECT_FALSE(r.changed());
}

// ---------------------------------------------------------------------------------------------
// fix_file: the loop and its checks, with fixes injected into the lint results

/// check_file plus the findings `extra` adds for the text being linted.
LintFunction with_injected(const Settings& settings, Parser& parser,
                           std::function<void(std::string_view, std::vector<Diagnostic>&)> extra) {
  return [&settings, &parser, extra](SourceFile s) {
    FileReport r = check_file(std::move(s), settings, parser);
    extra(r.source.text(), r.diagnostics);
    std::stable_sort(
        r.diagnostics.begin(), r.diagnostics.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.range.begin < b.range.begin; });
    return r;
  };
}

/// A fix replacing the first occurrence of `from` with `to`, when there is one.
void replace_first(std::string_view text, std::vector<Diagnostic>& out, std::string code,
                   std::string_view from, std::string to) {
  const size_t at = text.find(from);
  if (at == std::string_view::npos) return;
  out.push_back(fix_diag(std::move(code), static_cast<uint32_t>(at),
                         static_cast<uint32_t>(at + from.size()), std::move(to)));
}

TEST(FixFile, FixThatBreaksTheParseIsWithheldAndTheOthersApplied) {
  const Settings settings = select({"DF703"});
  Parser parser;
  // "TEST1" turns the comment into an unterminated heredoc; DF703's fix on the line after it is
  // applied in the same round first, so the round is retried one fix at a time.
  const std::string text = "FROM alpine:3.20\n# marker\nENV A 1\n";
  const LintFunction lint = with_injected(settings, parser, [](std::string_view t, auto& out) {
    replace_first(t, out, "TEST1", "# marker", "RUN <<EOF");
  });
  const FixResult r = fix_file_with(SourceFile("Dockerfile", text), lint, settings, parser, {});
  EXPECT_EQ(r.report.source.text(), "FROM alpine:3.20\n# marker\nENV A=1\n");
  ASSERT_EQ(r.withheld.size(), 1u);
  EXPECT_EQ(r.withheld[0].code, "TEST1");
  EXPECT_TRUE(r.withheld[0].breaks_parse);
  EXPECT_NE(r.withheld[0].reason.find("the result would not parse"), std::string::npos);
  EXPECT_EQ(r.withheld[0].range.begin, text.find("# marker"));
  ASSERT_EQ(r.applied.size(), 1u);
  EXPECT_EQ(r.applied[0].code, "DF703");
}

TEST(FixFile, OnlyFixBreakingTheParseLeavesTheFileAlone) {
  const Settings settings = select({"DF501"});
  Parser parser;
  const std::string text = "FROM alpine:3.20\n# marker\n";
  const LintFunction lint = with_injected(settings, parser, [](std::string_view t, auto& out) {
    replace_first(t, out, "TEST1", "# marker", "RUN <<EOF");
  });
  const FixResult r = fix_file_with(SourceFile("Dockerfile", text), lint, settings, parser, {});
  EXPECT_FALSE(r.changed());
  ASSERT_EQ(r.withheld.size(), 1u);
  EXPECT_TRUE(r.withheld[0].breaks_parse);
}

TEST(FixFile, FixThatIntroducesAFindingIsWithheld) {
  const Settings settings = select({"DF501", "DF703"});
  Parser parser;
  // TEST2 drops the tag: untagged-base-image (DF501) would fire where it did not.
  const std::string text = "FROM alpine:3.20\nENV A 1\n";
  const LintFunction lint = with_injected(settings, parser, [](std::string_view t, auto& out) {
    replace_first(t, out, "TEST2", "alpine:3.20", "alpine");
  });
  const FixResult r = fix_file_with(SourceFile("Dockerfile", text), lint, settings, parser, {});
  EXPECT_EQ(r.report.source.text(), "FROM alpine:3.20\nENV A=1\n");
  ASSERT_EQ(r.withheld.size(), 1u);
  EXPECT_EQ(r.withheld[0].code, "TEST2");
  EXPECT_FALSE(r.withheld[0].breaks_parse);
  EXPECT_EQ(r.withheld[0].reason, "it would introduce DF501 (untagged-base-image) on line 1");
  // The injected finding is still reported, its fix shown but no longer applicable.
  ASSERT_EQ(codes(r.report.diagnostics), std::vector<std::string>{"TEST2"});
  EXPECT_EQ(r.report.diagnostics[0].fix->applicability, Applicability::display_only);
}

TEST(FixFile, FindingsThatMoveAreNotNew) {
  // Fixing line 2 makes it longer, and DF501 on line 3 moves; it is the same finding.
  const std::string text = "FROM alpine:3.20\nENV A 1\nFROM debian\n";
  const FixResult r = fix(text, select({"DF501", "DF703"}));
  EXPECT_EQ(r.report.source.text(), "FROM alpine:3.20\nENV A=1\nFROM debian\n");
  EXPECT_TRUE(r.withheld.empty());
  EXPECT_EQ(codes(r.report.diagnostics), std::vector<std::string>{"DF501"});
}

TEST(FixFile, FindingsOfTextAFixMovesAreNotNew) {
  // DF116's fix moves `COPY . .` after the install: DF115 (no .dockerignore) moves with it, from
  // the COPY's line to the text inserted after the RUN. Both are edits of one fix.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "dfopt-fixes-test-move";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string text = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n";
  Parser parser;
  FixOptions options;
  options.unsafe = true;
  const FixResult r = fix_file(SourceFile((dir / "Dockerfile").string(), text),
                               select({"DF115", "DF116"}), parser, options);
  EXPECT_EQ(r.report.source.text(),
            "FROM node:20-alpine\nWORKDIR /app\n"
            "COPY package.json package-lock.json* npm-shrinkwrap.json* .npmrc* ./\n"
            "RUN npm ci\nCOPY . .\n");
  EXPECT_TRUE(r.withheld.empty());
  EXPECT_EQ(codes(r.report.diagnostics), std::vector<std::string>{"DF115"});
  fs::remove_all(dir);
}

TEST(FixFile, OverlappingFixesTakeTurnsAcrossPasses) {
  const Settings settings = select({"DF501"});
  Parser parser;
  const std::string text = "FROM alpine:3.20\n# one two\n";
  const LintFunction lint = with_injected(settings, parser, [](std::string_view t, auto& out) {
    replace_first(t, out, "TEST3", "one", "1");
    // Overlaps TEST3 while "one" is there; afterwards it only needs "two".
    if (t.find("one two") != std::string_view::npos) {
      replace_first(t, out, "TEST4", "one two", "one 2");
    } else {
      replace_first(t, out, "TEST4", "two", "2");
    }
  });
  const FixResult r = fix_file_with(SourceFile("Dockerfile", text), lint, settings, parser, {});
  EXPECT_EQ(r.report.source.text(), "FROM alpine:3.20\n# 1 2\n");
  EXPECT_EQ(r.passes, 2u);
  ASSERT_EQ(r.applied.size(), 2u);
  EXPECT_EQ(r.applied[0].code, "TEST3");
  EXPECT_EQ(r.applied[1].code, "TEST4");
  // The second pass's finding is located in the original text.
  EXPECT_EQ(r.applied[1].range.begin, text.find("two"));
  EXPECT_EQ(r.applied[1].range.end, text.find("two") + 3);
}

TEST(FixFile, LoopIsBoundedAndReportsNonConvergence) {
  const Settings settings = select({"DF501"});
  Parser parser;
  // A fix that undoes itself.
  const LintFunction lint = with_injected(settings, parser, [](std::string_view t, auto& out) {
    replace_first(t, out, "TEST5", "ping", "pong");
    replace_first(t, out, "TEST5", "pong", "ping");
  });
  FixOptions options;
  options.max_passes = 5;
  const FixResult r = fix_file_with(SourceFile("Dockerfile", "FROM alpine:3.20\n# ping\n"), lint,
                                    settings, parser, options);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.passes, 5u);
  EXPECT_EQ(r.report.source.text(), "FROM alpine:3.20\n# pong\n");
}

// ---------------------------------------------------------------------------------------------
// Idempotence over every rule fixture

TEST(FixFile, FixtureFixesAreIdempotent) {
  const Settings settings = all_rules_settings();
  FixOptions options;
  options.unsafe = true;
  Parser parser;
  size_t changed = 0, files = 0;
  for (const testing::FixtureFile& f : testing::list_fixture_files()) {
    const std::string text = testing::read_text(f.path);
    const FixResult once = fix_file(SourceFile(f.path.string(), text), settings, parser, options);
    ++files;
    for (const WithheldFix& w : once.withheld) {
      EXPECT_FALSE(w.breaks_parse) << f.path << ": fix of " << w.code << ": " << w.reason;
    }
    EXPECT_TRUE(once.converged) << f.path;
    if (!once.changed()) continue;
    ++changed;
    const std::string fixed(once.report.source.text());
    const ParseResult parsed = parser.parse(SourceFile(f.path.string(), fixed));
    EXPECT_TRUE(std::none_of(parsed.diagnostics.begin(), parsed.diagnostics.end(),
                             [](const Diagnostic& d) { return d.code == "syntax-error"; }))
        << f.path << ": the fixed text does not parse";
    const FixResult twice = fix_file(SourceFile(f.path.string(), fixed), settings, parser, options);
    EXPECT_FALSE(twice.changed()) << f.path << ": fixing again changes the file:\n" << fixed;
  }
  EXPECT_GT(files, 0u);
  EXPECT_GT(changed, 0u);
}

// ---------------------------------------------------------------------------------------------
// add_ignores

Diagnostic finding(std::string code, uint32_t at) {
  Diagnostic d;
  d.code = std::move(code);
  d.range = {at, at + 1};
  return d;
}

std::string ignores(const std::string& text, const std::vector<Diagnostic>& diags,
                    bool keep_descriptions = false, AddIgnoreResult* result = nullptr) {
  const SourceFile source("Dockerfile", text);
  const ParseResult parsed = parse(source);
  AddIgnoreResult r = add_ignores(source, parsed.ast, diags, keep_descriptions);
  std::string out = r.text;
  if (result) *result = std::move(r);
  return out;
}

uint32_t at(const std::string& text, std::string_view what) {
  return static_cast<uint32_t>(text.find(what));
}

TEST(AddIgnores, InsertsSortedIdsAboveTheInstruction) {
  const std::string text = "FROM alpine\nRUN x\n";
  EXPECT_EQ(ignores(text, {finding("DF502", 5), finding("DF501", 5), finding("DF501", 6)}),
            "# dfopt ignore=DF501,DF502\nFROM alpine\nRUN x\n");
}

TEST(AddIgnores, KeepsIndentationAndCrlf) {
  const std::string text = "FROM alpine:3.20\r\n  \tENV A 1\r\n";
  EXPECT_EQ(ignores(text, {finding("DF703", at(text, "ENV"))}),
            "FROM alpine:3.20\r\n  \t# dfopt ignore=DF703\r\n  \tENV A 1\r\n");
}

TEST(AddIgnores, GoesAfterTheByteOrderMark) {
  const std::string text =
      "\xEF\xBB\xBF"
      "FROM alpine\n";
  EXPECT_EQ(ignores(text, {finding("DF501", 8)}),
            "\xEF\xBB\xBF# dfopt ignore=DF501\nFROM alpine\n");
}

TEST(AddIgnores, MergesIntoAnExistingPragma) {
  const std::string text =
      "FROM alpine:3.20\n# dfopt ignore=untagged-base-image # legacy\n\n# why\nRUN x\n";
  AddIgnoreResult r;
  // DF501 is already named (by its name): only DF701 is added.
  EXPECT_EQ(
      ignores(text, {finding("DF701", at(text, "RUN")), finding("DF501", at(text, "RUN"))}, false,
              &r),
      "FROM alpine:3.20\n# dfopt ignore=untagged-base-image,DF701 # legacy\n\n# why\nRUN x\n");
  EXPECT_EQ(r.merged, 1u);
  EXPECT_EQ(r.added, 0u);
}

TEST(AddIgnores, DoesNotMergeIntoOtherPragmas) {
  // A global pragma and a malformed one are left alone; a new line is added.
  const std::string text = "# dfopt global ignore=DF502\nFROM alpine\n# dfopt ignore=\nRUN x\n";
  EXPECT_EQ(
      ignores(text, {finding("DF701", at(text, "RUN"))}),
      "# dfopt global ignore=DF502\nFROM alpine\n# dfopt ignore=\n# dfopt ignore=DF701\nRUN x\n");
}

TEST(AddIgnores, StaysAboveHadolintPragmas) {
  // hadolint reads its pragma on the line right above the instruction only.
  const std::string text = "# hadolint ignore=DL3006\nFROM alpine\n";
  EXPECT_EQ(ignores(text, {finding("DF501", at(text, "FROM"))}),
            "# dfopt ignore=DF501\n# hadolint ignore=DL3006\nFROM alpine\n");
}

TEST(AddIgnores, KeepsDefinitionDescriptions) {
  const std::string text = "FROM alpine:3.20\n# VERSION the version\nARG VERSION\nARG OTHER=1\n";
  const std::vector<Diagnostic> d = {finding("DF807", at(text, "ARG VERSION")),
                                     finding("DF807", at(text, "ARG OTHER"))};
  EXPECT_EQ(ignores(text, d, /*keep_descriptions=*/true),
            "FROM alpine:3.20\n# dfopt ignore=DF807\n# VERSION the version\nARG VERSION\n"
            "# dfopt ignore=DF807\n#\nARG OTHER=1\n");
  EXPECT_EQ(ignores(text, d, /*keep_descriptions=*/false),
            "FROM alpine:3.20\n# VERSION the version\n# dfopt ignore=DF807\nARG VERSION\n"
            "# dfopt ignore=DF807\nARG OTHER=1\n");
}

TEST(AddIgnores, SyntaxErrorsAndFindingsOutsideInstructionsAreNotCovered) {
  const std::string text = "# check=skip=Foo\nFROM alpine\n";
  AddIgnoreResult r;
  EXPECT_EQ(ignores(text,
                    {finding("DF901", at(text, "FROM")), finding("DF903", 13),
                     finding(std::string(kInternalErrorCode), 0)},
                    false, &r),
            text);
  EXPECT_EQ(r.unsuppressible.size(), 3u);
  EXPECT_EQ(r.added, 0u);
}

TEST(AddIgnores, FindingsInsideAMultiLineInstruction) {
  const std::string text = "FROM alpine:3.20\nRUN a \\\n  && b\n";
  EXPECT_EQ(ignores(text, {finding("DF703", at(text, "b\n"))}),
            "FROM alpine:3.20\n# dfopt ignore=DF703\nRUN a \\\n  && b\n");
}

TEST(AddIgnoreStep, SecondRunChangesNothingAndLeavesNoFinding) {
  const std::string text =
      "FROM alpine\r\nMAINTAINER me\r\n  # dfopt ignore=DF702\r\n  add . /app\r\nEXPOSE 22";
  FixOptions options;
  options.apply = false;
  options.add_ignore = true;
  const Settings settings;
  const FixResult once = fix(text, settings, options);
  EXPECT_TRUE(once.changed());
  EXPECT_GT(once.ignores_added, 0u);
  EXPECT_EQ(once.ignores_merged, 1u);
  EXPECT_TRUE(once.report.diagnostics.empty()) << codes(once.report.diagnostics).size();
  const FixResult twice = fix(std::string(once.report.source.text()), settings, options);
  EXPECT_FALSE(twice.changed());
  EXPECT_TRUE(twice.report.diagnostics.empty());
}

TEST(AddIgnoreStep, AfterFixingOnlyWhatRemainsGetsAPragma) {
  const std::string text = "FROM alpine\nENV A 1\n";
  FixOptions options;
  options.add_ignore = true;
  const FixResult r = fix(text, select({"DF501", "DF703"}), options);
  EXPECT_EQ(r.report.source.text(), "# dfopt ignore=DF501\nFROM alpine\nENV A=1\n");
  EXPECT_TRUE(r.report.diagnostics.empty());
}

TEST(AddIgnoreStep, FileThatTurnsOnDescriptionChecksKeepsPragmasApart) {
  // `# check=experimental=` turns on invalid-definition-description (DF727) for this file only:
  // a pragma right above the ARG would read as its description.
  const std::string text =
      "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\nARG PASSWORD\n";
  FixOptions options;
  options.apply = false;
  options.add_ignore = true;
  const FixResult r = fix(text, select({"DF304"}), options);
  EXPECT_EQ(r.report.source.text(),
            "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20\n"
            "# dfopt ignore=DF304\n#\nARG PASSWORD\n");
  EXPECT_TRUE(r.report.diagnostics.empty()) << codes(r.report.diagnostics).size();
}

TEST(AddIgnoreStep, RefusedWhenPragmasAreNotHonouredOrFlagged) {
  FixOptions options;
  options.apply = false;
  options.add_ignore = true;
  Settings off;
  off.honour_pragmas = false;
  const FixResult a = fix("FROM alpine\n", off, options);
  EXPECT_EQ(a.skipped, FixSkip::pragmas_disabled);
  EXPECT_FALSE(a.changed());
  Settings flagged = select({"DF501", "DF721"});
  const FixResult b = fix("FROM alpine\n", flagged, options);
  EXPECT_EQ(b.skipped, FixSkip::pragmas_flagged);
  EXPECT_FALSE(b.changed());
}

}  // namespace
}  // namespace dfopt
