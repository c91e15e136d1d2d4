// The rule registry's invariants: unique IDs, names and aliases, complete docs, kebab-case names,
// and fixtures for every rule (a positive one and a negative one).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "dfopt/engine.h"
#include "dfopt/rule.h"
#include "rules/fixtures.h"

namespace dfopt {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(Registry, HasRules) { EXPECT_FALSE(all_rules().empty()); }

TEST(Registry, SortedById) {
  const auto rules = all_rules();
  for (size_t i = 1; i < rules.size(); ++i) {
    EXPECT_LT(rules[i - 1]->info().id, rules[i]->info().id);
  }
}

TEST(Registry, IdsNamesAndAliasesAreUnique) {
  // One namespace for every key a user can type (IDs and aliases compare case-insensitively).
  std::map<std::string, std::string> owner;
  auto claim = [&](std::string_view key, std::string_view rule) {
    auto [it, inserted] = owner.emplace(lower(key), std::string(rule));
    EXPECT_TRUE(inserted) << "'" << key << "' of " << rule << " is also used by " << it->second;
  };
  for (const Rule* r : all_rules()) {
    const RuleInfo& i = r->info();
    claim(i.id, i.id);
    claim(i.name, i.id);
    for (std::string_view a : i.aliases) claim(a, i.id);
  }
  // Category names and ALL are selection keys too.
  for (std::string_view c : {"layers", "stages", "security", "runtime", "base", "packages", "style",
                             "variables", "syntax", "all"}) {
    EXPECT_EQ(owner.count(std::string(c)), 0u) << "'" << c << "' is a category or ALL";
  }
}

TEST(Registry, IdsAreWellFormedAndMatchCategory) {
  const std::map<Category, char> digit = {
      {Category::layers, '1'},  {Category::stages, '2'},    {Category::security, '3'},
      {Category::runtime, '4'}, {Category::base, '5'},      {Category::packages, '6'},
      {Category::style, '7'},   {Category::variables, '8'}, {Category::syntax, '9'}};
  for (const Rule* r : all_rules()) {
    const std::string_view id = r->info().id;
    ASSERT_EQ(id.size(), 5u) << id;
    EXPECT_EQ(id.substr(0, 2), "DF") << id;
    EXPECT_EQ(id[2], digit.at(r->info().category))
        << id << " is in category " << to_string(r->info().category);
  }
}

TEST(Registry, NamesAreKebabCase) {
  for (const Rule* r : all_rules()) {
    const std::string_view n = r->info().name;
    bool ok =
        !n.empty() && n.front() != '-' && n.back() != '-' && n.find("--") == std::string_view::npos;
    for (char c : n) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    EXPECT_TRUE(ok) << r->info().id << ": name '" << n << "' is not kebab-case";
  }
}

TEST(Registry, DocsHaveEverySection) {
  for (const Rule* r : all_rules()) {
    const RuleInfo& i = r->info();
    std::vector<std::string_view> sections = {"## What it does", "## Why is this bad?",
                                              "## Example", "## Use instead", "## References"};
    if (i.fix != FixAvailability::none) sections.push_back("## Fix safety");
    for (std::string_view s : sections) {
      EXPECT_NE(i.docs.find(std::string(s) + "\n"), std::string_view::npos)
          << i.id << " (" << i.name << "): docs lack the section '" << s << "'";
    }
    EXPECT_FALSE(i.summary.empty()) << i.id << ": empty summary";
    EXPECT_TRUE(i.summary.empty() || i.summary.back() != '.')
        << i.id << ": the summary ends with a period";
  }
}

TEST(Registry, FindRuleByEveryKey) {
  for (const Rule* r : all_rules()) {
    const RuleInfo& i = r->info();
    EXPECT_EQ(find_rule(i.id), r);
    EXPECT_EQ(find_rule(lower(i.id)), r);
    EXPECT_EQ(find_rule(i.name), r);
    for (std::string_view a : i.aliases) EXPECT_EQ(find_rule(a), r) << a;
  }
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
}

TEST(Registry, EveryRuleHasPositiveAndNegativeFixtures) {
  std::set<const Rule*> positive, negative;
  std::vector<std::string> orphans;
  for (const testing::FixtureFile& f : testing::list_fixture_files()) {
    const std::string text = testing::read_text(f.path);
    const std::vector<std::string> keys = testing::expected_keys(text);
    for (const std::string& k : keys) {
      if (const Rule* r = find_rule(k)) positive.insert(r);
    }
    if (!f.rule) {
      orphans.push_back(f.path.string());
      continue;
    }
    bool expects_own = false;
    for (const std::string& k : keys) expects_own = expects_own || find_rule(k) == f.rule;
    const std::string negative_stem = std::string(f.rule->info().name) + "-negative";
    if (!expects_own || f.stem.rfind(negative_stem, 0) == 0) negative.insert(f.rule);
  }
  std::string missing;
  for (const Rule* r : all_rules()) {
    std::string what;
    if (!positive.count(r)) what += " positive";
    if (!negative.count(r)) what += " negative";
    if (!what.empty()) {
      missing += "\n  " + std::string(r->info().id) + " " + std::string(r->info().name) + ": no" +
                 what + " fixture in tests/rules/" + std::string(to_string(r->info().category)) +
                 "/";
    }
  }
  EXPECT_TRUE(missing.empty()) << "rules without fixtures:" << missing;
  EXPECT_TRUE(orphans.empty()) << "fixtures whose name starts with no rule name: "
                               << ::testing::PrintToString(orphans);
}

}  // namespace
}  // namespace dfopt
