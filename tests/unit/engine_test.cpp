// The engine: rule selection, check_file, pragmas (dfopt, hadolint, BuildKit's check=),
// severity overrides, per-file ignores and fix application.
#include "dfopt/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dfopt/fixes.h"
#include "dfopt/parse.h"

namespace dfopt {
namespace {

const Rule& maintainer() { return *find_rule("maintainer-instruction"); }

bool has(const RuleSet& s, std::string_view key) { return s.contains(*find_rule(key)); }

Expected<RuleSet> select(std::initializer_list<RuleSelection> layers,
                         std::vector<Error>* warnings = nullptr) {
  std::vector<RuleSelection> v(layers);
  return select_rules(v, warnings);
}

// ---------------------------------------------------------------------------------------------
// Selection

TEST(Selection, DefaultsAreEnabledByDefault) {
  const RuleSet d = RuleSet::defaults();
  for (const Rule* r : all_rules()) EXPECT_EQ(d.contains(*r), r->info().enabled_by_default);
  EXPECT_EQ(RuleSet::all().size(), all_rules().size());
  EXPECT_EQ(RuleSet().size(), 0u);
}

TEST(Selection, KeysByIdNameAliasCategoryAll) {
  for (const char* key :
       {"DF701", "df701", "maintainer-instruction", "DL4000", "dl4000", "MaintainerDeprecated"}) {
    auto r = resolve_rule_key(key);
    ASSERT_TRUE(r) << key;
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0], &maintainer());
  }
  auto style = resolve_rule_key("style");
  ASSERT_TRUE(style);
  EXPECT_TRUE(std::find(style->begin(), style->end(), &maintainer()) != style->end());
  for (const Rule* r : *style) EXPECT_EQ(r->info().category, Category::style);
  auto all = resolve_rule_key("ALL");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), all_rules().size());
}

TEST(Selection, UnknownKeySuggests) {
  auto r = resolve_rule_key("maintainer-instructoin");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::usage);
  EXPECT_NE(r.error().message.find("did you mean 'maintainer-instruction'"), std::string::npos)
      << r.error().message;
  EXPECT_NE(resolve_rule_key("DF70l").error().message.find("did you mean"), std::string::npos);
  EXPECT_NE(resolve_rule_key("styel").error().message.find("'style'"), std::string::npos);
  EXPECT_EQ(resolve_rule_key("zzzzzzzzzzzz").error().message.find("did you mean"),
            std::string::npos);
}

TEST(Selection, SelectReplacesExtendAddsIgnoreRemoves) {
  auto only = select({{.select = std::vector<std::string>{"DF701"}}});
  ASSERT_TRUE(only);
  EXPECT_EQ(only->size(), 1u);
  EXPECT_TRUE(has(*only, "DF701"));

  auto none = select({{.select = std::vector<std::string>{}}});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->size(), 0u);

  auto ignored = select({{.ignore = {"DF701"}}});
  ASSERT_TRUE(ignored);
  EXPECT_FALSE(has(*ignored, "DF701"));
  EXPECT_EQ(ignored->size() + 1, RuleSet::defaults().size());

  // extend-select adds a rule that is off by default, when there is one.
  for (const Rule* r : all_rules()) {
    if (r->info().enabled_by_default) continue;
    auto ext = select({{.extend_select = {std::string(r->info().name)}}});
    ASSERT_TRUE(ext);
    EXPECT_TRUE(ext->contains(*r));
    EXPECT_EQ(ext->size(), RuleSet::defaults().size() + 1);
    break;
  }
}

TEST(Selection, SpecificKeysWinInsideALayer) {
  // ignore a category, select one of its rules: the rule is more specific.
  auto a = select({{.select = std::vector<std::string>{"ALL", "DF701"}, .ignore = {"style"}}});
  ASSERT_TRUE(a);
  EXPECT_TRUE(has(*a, "DF701"));
  EXPECT_FALSE(has(*a, "DF702"));
  // select a category, ignore one of its rules.
  auto b = select({{.select = std::vector<std::string>{"style"}, .ignore = {"DF701"}}});
  ASSERT_TRUE(b);
  EXPECT_FALSE(has(*b, "DF701"));
  for (const Rule* r : b->rules()) EXPECT_EQ(r->info().category, Category::style);
  // Same specificity: ignore wins.
  auto c = select({{.select = std::vector<std::string>{"DF701"}, .ignore = {"DL4000"}}});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->size(), 0u);
}

TEST(Selection, LaterLayersOverride) {
  // config: select style; CLI: --select DF901 replaces it.
  auto a = select({{.select = std::vector<std::string>{"style"}},
                   {.select = std::vector<std::string>{"DF901"}}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 1u);
  // config ignores DF701; CLI extend-selects it back.
  auto b = select({{.ignore = {"DF701"}}, {.extend_select = {"DF701"}}});
  ASSERT_TRUE(b);
  EXPECT_TRUE(has(*b, "DF701"));
}

TEST(Selection, UnknownKeysAreErrorsOrWarnings) {
  auto strict = select({{.ignore = {"nope-rule"}}});
  EXPECT_FALSE(strict);
  std::vector<Error> warnings;
  auto lenient = select({{.ignore = {"nope-rule", "DF701"}}}, &warnings);
  ASSERT_TRUE(lenient);
  EXPECT_FALSE(has(*lenient, "DF701"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("nope-rule"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// check_file

struct Outcome {
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) out.push_back(d.code);
    return out;
  }
  size_t count(std::string_view code) const {
    return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                             [&](const Diagnostic& d) { return d.code == code; }));
  }
};

/// DF701 and the two rules the engine reports pragma problems under.
Settings only_maintainer() {
  Settings s;
  s.rules = RuleSet();
  s.rules.insert(maintainer());
  s.rules.insert(*find_rule("unknown-rule"));
  s.rules.insert(*find_rule("invalid-pragma"));
  return s;
}

Outcome check(const std::string& text, const Settings& settings = only_maintainer(),
              const std::string& path = "Dockerfile") {
  Parser parser;
  FileReport r = check_file(SourceFile(path, text), settings, parser);
  EXPECT_EQ(r.path, path);
  EXPECT_FALSE(r.error);
  return Outcome{std::move(r.diagnostics)};
}

TEST(CheckFile, RunsSelectedRulesOnly) {
  const std::string text = "FROM alpine\nMAINTAINER a\n";
  EXPECT_EQ(check(text).codes(), (std::vector<std::string>{"DF701"}));
  Settings none;
  none.rules = RuleSet();
  EXPECT_TRUE(check(text, none).diagnostics.empty());
}

TEST(CheckFile, SyntaxErrorsAlwaysReported) {
  Settings none;
  none.rules = RuleSet();
  const Outcome r = check("FROM alpine\nRUN <<EOF\nhello\n", none);
  ASSERT_EQ(r.count("DF901"), 1u) << ::testing::PrintToString(r.codes());
  EXPECT_EQ(r.diagnostics[0].severity, Severity::error);
}

TEST(CheckFile, SortedByPosition) {
  const Outcome r = check("FROM alpine\nMAINTAINER b\n# dfopt ignore=nope\nMAINTAINER a\n");
  ASSERT_EQ(r.codes(), (std::vector<std::string>{"DF701", "DF903", "DF701"}));
  for (size_t i = 1; i < r.diagnostics.size(); ++i) {
    EXPECT_LE(r.diagnostics[i - 1].range.begin, r.diagnostics[i].range.begin);
  }
}

TEST(Pragmas, DfoptIgnoreNextInstruction) {
  const Outcome r = check(
      "FROM alpine\n"
      "# dfopt ignore=maintainer-instruction  # legacy tooling reads Author\n"
      "MAINTAINER a\n"
      "MAINTAINER b\n"
      "# dfopt ignore=DF701,DL3008\n"
      "\n"
      "# another comment\n"
      "MAINTAINER c\n");
  // b fires; DL3008 is either an alias of a rule or reported as unknown.
  EXPECT_EQ(r.count("DF701"), 1u) << ::testing::PrintToString(r.codes());
  if (!find_rule("DL3008")) {
    EXPECT_EQ(r.count("DF903"), 1u);
  }
}

TEST(Pragmas, DfoptGlobalIgnoreAnywhere) {
  EXPECT_EQ(check("FROM alpine\nMAINTAINER a\n# dfopt global ignore=style\nMAINTAINER b\n")
                .count("DF701"),
            0u);
}

TEST(Pragmas, UnknownRuleWarnsWithLocation) {
  const std::string text = "FROM alpine\n# dfopt ignore=maintainer-instructions\nMAINTAINER a\n";
  const Outcome r = check(text);
  ASSERT_EQ(r.count("DF903"), 1u);
  const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                               [](const Diagnostic& d) { return d.code == "DF903"; });
  EXPECT_EQ(it->severity, Severity::warning);
  EXPECT_EQ(text.substr(it->range.begin, it->range.size()), "maintainer-instructions");
  EXPECT_NE(it->message.find("did you mean 'maintainer-instruction'"), std::string::npos);
  EXPECT_EQ(r.count("DF701"), 1u);  // an unknown name silences nothing
}

TEST(Pragmas, MalformedDfoptPragmaWarns) {
  EXPECT_EQ(check("FROM alpine\n# dfopt ignor=DF701\nRUN true\n").count("DF904"), 1u);
  EXPECT_EQ(
      check("FROM alpine\n# dfopt ignore=DF701 because\nMAINTAINER a\n").count("DF904"),
      1u);
  // Prose that merely mentions dfopt is no pragma.
  EXPECT_TRUE(check("FROM alpine\n# dfopt checks this file\n# dfoptimizer\nRUN true\n")
                  .diagnostics.empty());
}

TEST(Pragmas, HadolintThroughAliases) {
  EXPECT_EQ(check("FROM alpine\n# hadolint ignore=DL4000\nMAINTAINER a\n").count("DF701"), 0u);
  EXPECT_EQ(
      check("# hadolint global ignore=DL3008,DL4000\nFROM alpine\nMAINTAINER a\n").count("DF701"),
      0u);
  // ShellCheck codes are accepted silently, whether ShellCheck runs or not (shellcheck_test.cpp
  // checks that they suppress its findings).
  const Outcome sc = check("FROM alpine\n# hadolint ignore=SC2086,DL4000\nMAINTAINER a\n");
  EXPECT_TRUE(sc.diagnostics.empty()) << ::testing::PrintToString(sc.codes());
  Settings with_sc = only_maintainer();
  with_sc.shellcheck = ShellcheckCodes::all();
  EXPECT_EQ(
      check("FROM alpine\n# hadolint ignore=SC2086\nRUN true\n", with_sc).count("DF903"),
      0u);
  // A peer ID no dfopt rule mirrors is reported.
  const Outcome dl = check("FROM alpine\n# hadolint ignore=DL9999\nRUN true\n");
  ASSERT_EQ(dl.count("DF903"), 1u);
  EXPECT_NE(dl.diagnostics[0].message.find("no dfopt rule mirrors hadolint's DL9999"),
            std::string::npos);
  // hadolint's other pragmas are not ours to judge.
  EXPECT_TRUE(check("FROM alpine\n# hadolint shell=powershell\nRUN true\n").diagnostics.empty());
}

TEST(Pragmas, StageIgnore) {
  const Outcome r = check(
      "# dfopt stage ignore=DF701\n"
      "FROM alpine AS a\n"
      "MAINTAINER a\n"
      "FROM alpine AS b\n"
      "MAINTAINER b\n");
  EXPECT_EQ(r.count("DF701"), 1u);
}

TEST(Pragmas, DisabledBySettings) {
  Settings s = only_maintainer();
  s.honour_pragmas = false;
  const Outcome r =
      check("FROM alpine\n# dfopt ignore=DF701\nMAINTAINER a\n# dfopt ignore=zzz\nRUN x\n", s);
  EXPECT_EQ(r.codes(), (std::vector<std::string>{"DF701"}));
}

TEST(Pragmas, BuildkitCheckSkip) {
  EXPECT_EQ(check("# check=skip=MaintainerDeprecated\nFROM alpine\nMAINTAINER a\n").count("DF701"),
            0u);
  EXPECT_EQ(check("# check=skip=all\nFROM alpine\nMAINTAINER a\n").count("DF701"), 0u);
  // Another BuildKit check: valid, silences nothing here.
  const Outcome other = check("# check=skip=StageNameCasing\nFROM alpine\nMAINTAINER a\n");
  EXPECT_EQ(other.codes(), (std::vector<std::string>{"DF701"}));
  // Not a BuildKit check nor a dfopt rule: reported.
  EXPECT_EQ(check("# check=skip=NoSuchCheck\nFROM alpine\nRUN true\n").count("DF903"), 1u);
}

TEST(Pragmas, BuildkitCheckErrorTrue) {
  const Outcome r = check("# check=error=true\nFROM alpine\nMAINTAINER a\n");
  ASSERT_EQ(r.count("DF701"), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::error);
  const Outcome both =
      check("# check=skip=StageNameCasing;error=true\nFROM alpine\nMAINTAINER a\n");
  ASSERT_EQ(both.count("DF701"), 1u);
  EXPECT_EQ(both.diagnostics[0].severity, Severity::error);
}

TEST(Pragmas, BuildkitCheckExperimental) {
  // `experimental=` turns on the rules mirroring experimental BuildKit checks for the file.
  const std::string described = "# a note\nFROM alpine AS base\n";
  EXPECT_EQ(check(described).count("DF727"), 0u);  // off by default
  EXPECT_EQ(check("# check=experimental=InvalidDefinitionDescription\n" + described).count("DF727"),
            1u);
  // As in BuildKit, skip= does not apply to them, and experimental=all names them all.
  EXPECT_EQ(check("# check=experimental=all;skip=all\n" + described).count("DF727"), 1u);
  Settings selected = only_maintainer();
  selected.rules.insert(*find_rule("invalid-definition-description"));
  EXPECT_EQ(check("# check=skip=InvalidDefinitionDescription\n" + described, selected)
                .count("DF727"),
            1u);
  // Other checks are accepted there and turn nothing on; unknown names are reported.
  EXPECT_TRUE(
      check("# check=experimental=MaintainerDeprecated\nFROM alpine\n").diagnostics.empty());
  EXPECT_EQ(check("# check=experimental=NoSuchCheck\nFROM alpine\n").count("DF903"), 1u);
}

TEST(Pragmas, PragmaWarningsAreRules) {
  const std::string text = "FROM alpine\n# dfopt ignore=nope\nRUN true\n";
  EXPECT_EQ(check(text).count("DF903"), 1u);
  Settings deselected = only_maintainer();
  deselected.rules.erase(*find_rule("unknown-rule"));
  EXPECT_TRUE(check(text, deselected).diagnostics.empty());
  Settings graded = only_maintainer();
  graded.severity.emplace_back(find_rule("DF903"), Severity::error);
  const Outcome g = check(text, graded);
  ASSERT_EQ(g.count("DF903"), 1u);
  EXPECT_EQ(g.diagnostics[0].severity, Severity::error);
  Settings per_file = only_maintainer();
  per_file.per_file_ignores.push_back({"Dockerfile", {find_rule("invalid-pragma")}});
  EXPECT_TRUE(check("FROM alpine\n# dfopt ignor=DF701\nRUN true\n", per_file).diagnostics.empty());
  EXPECT_EQ(check("# dfopt global ignore=unknown-rule\n" + text).count("DF903"), 0u);
}

TEST(Overrides, Severity) {
  Settings s = only_maintainer();
  s.severity.emplace_back(&maintainer(), Severity::style);
  const Outcome r = check("FROM alpine\nMAINTAINER a\n", s);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::style);
}

TEST(Overrides, PerFileIgnores) {
  Settings s = only_maintainer();
  s.root = "/repo";
  s.per_file_ignores.push_back({"legacy/**", {&maintainer()}});
  s.per_file_ignores.push_back({"*.old", {&maintainer()}});
  const std::string text = "FROM alpine\nMAINTAINER a\n";
  EXPECT_EQ(check(text, s, "/repo/legacy/x/Dockerfile").count("DF701"), 0u);
  EXPECT_EQ(check(text, s, "/repo/app/Dockerfile").count("DF701"), 1u);
  EXPECT_EQ(check(text, s, "/repo/app/Dockerfile.old").count("DF701"), 0u);  // by file name
  EXPECT_EQ(check(text, s, "/elsewhere/legacy/Dockerfile").count("DF701"), 1u);
}

// ---------------------------------------------------------------------------------------------
// Fixes

Diagnostic with_fix(uint32_t b, uint32_t e, std::string text,
                    Applicability a = Applicability::safe) {
  Diagnostic d;
  d.code = "X";
  Fix f;
  f.edits.push_back({{b, e}, std::move(text)});
  f.applicability = a;
  d.fix = std::move(f);
  return d;
}

TEST(ApplyFixes, AppliesInOrderAndSkipsOverlaps) {
  const std::string text = "0123456789";
  std::vector<Diagnostic> d = {with_fix(6, 8, "x"), with_fix(1, 3, "ab"), with_fix(2, 4, "zz"),
                               with_fix(9, 9, "!")};
  EXPECT_EQ(apply_fixes(text, d, false), "0ab345x8!9");
  EXPECT_EQ(count_applicable_fixes(d, false), 3u);
}

TEST(ApplyFixes, Applicability) {
  const std::string text = "abc";
  std::vector<Diagnostic> d = {with_fix(0, 1, "A", Applicability::unsafe),
                               with_fix(1, 2, "B", Applicability::display_only),
                               with_fix(2, 3, "C")};
  EXPECT_EQ(apply_fixes(text, d, false), "abC");
  EXPECT_EQ(apply_fixes(text, d, true), "AbC");
}

TEST(ApplyFixes, MultiEditFixIsAllOrNothing) {
  Diagnostic a = with_fix(0, 1, "A");
  a.fix->edits.push_back({{4, 5}, "E"});
  Diagnostic b = with_fix(3, 5, "--");  // overlaps a's second edit: skipped whole
  EXPECT_EQ(apply_fixes("abcdef", {a, b}, false), "AbcdEf");
}

}  // namespace
}  // namespace dfopt
