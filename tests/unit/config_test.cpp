// Configuration files: .dfopt.yaml keys, warnings and errors, .hadolint.yaml, the walk up.
#include "dfopt/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace dfopt {
namespace {

namespace fs = std::filesystem;

const Rule& maintainer() { return *find_rule("DF701"); }

Config parse(const std::string& yaml, ConfigFormat format = ConfigFormat::dfopt) {
  Expected<Config> c = parse_config(yaml, "/repo/.dfopt.yaml", format);
  EXPECT_TRUE(c) << (c ? "" : format_error(c.error()));
  return c ? std::move(*c) : Config{};
}

bool warned(const Config& c, std::string_view text) {
  for (const Error& w : c.warnings) {
    if (w.message.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Config, EmptyIsValid) {
  const Config c = parse("");
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_FALSE(c.selection.select);
  EXPECT_EQ(c.dir, "/repo");
}

TEST(Config, AllKeys) {
  const Config c = parse(R"(
select: [ALL]
extend-select: DF701
ignore: [style, DL4000]
per-file-ignores:
  "legacy/**": [maintainer-instruction]
severity:
  DF701: error
fail-level: warning
trusted-registries: [docker.io, "*.example.com"]
required-labels:
  org.opencontainers.image.source: url
strict-labels: true
shellcheck: false
)");
  EXPECT_TRUE(c.warnings.empty()) << format_error(c.warnings.empty() ? Error{} : c.warnings[0]);
  ASSERT_TRUE(c.selection.select);
  EXPECT_EQ(*c.selection.select, std::vector<std::string>{"ALL"});
  EXPECT_EQ(c.selection.extend_select, std::vector<std::string>{"DF701"});
  EXPECT_EQ(c.selection.ignore, (std::vector<std::string>{"style", "DL4000"}));
  ASSERT_EQ(c.per_file_ignores.size(), 1u);
  EXPECT_EQ(c.per_file_ignores[0].pattern, "legacy/**");
  EXPECT_EQ(c.per_file_ignores[0].rules, std::vector<const Rule*>{&maintainer()});
  ASSERT_EQ(c.severity.size(), 1u);
  EXPECT_EQ(c.severity[0].first, &maintainer());
  EXPECT_EQ(c.severity[0].second, Severity::error);
  EXPECT_EQ(c.fail_level, FailLevel::warning);
  EXPECT_EQ(c.trusted_registries, (std::vector<std::string>{"docker.io", "*.example.com"}));
  ASSERT_TRUE(c.required_labels);
  EXPECT_EQ(c.required_labels->at(0).second, "url");
  EXPECT_EQ(c.strict_labels, true);

  const Settings s = make_settings(c, {});
  EXPECT_EQ(s.rules.size(), all_rules().size() - resolve_rule_key("style")->size());
  EXPECT_FALSE(s.rules.contains(maintainer()));
  EXPECT_EQ(s.root, "/repo");
  EXPECT_EQ(s.shared.trusted_registries.size(), 2u);
  EXPECT_TRUE(s.shared.strict_labels);
  // The command line layers on top.
  RuleSelection cli;
  cli.extend_select = {"DF701"};
  EXPECT_TRUE(make_settings(c, cli).rules.contains(maintainer()));
}

TEST(Config, UnknownThingsWarnWithLocation) {
  const Config c = parse(
      "selct: [DF701]\nignore: [DF701, maintainer-instructoin]\n"
      "severity: {nope: error}\nrequired-labels: {a: colour}\n");
  EXPECT_TRUE(warned(c, "unknown config key 'selct'; did you mean 'select'?"));
  EXPECT_TRUE(warned(c, "did you mean 'maintainer-instruction'"));
  EXPECT_TRUE(warned(c, "'nope'"));
  EXPECT_TRUE(warned(c, "unknown label type 'colour'"));
  EXPECT_EQ(c.selection.ignore, std::vector<std::string>{"DF701"});  // the known one is kept
  ASSERT_FALSE(c.warnings.empty());
  EXPECT_EQ(c.warnings[0].path, "/repo/.dfopt.yaml");
  ASSERT_TRUE(c.warnings[0].location);
  EXPECT_EQ(c.warnings[0].location->line, 1u);
  EXPECT_EQ(c.warnings[1].location->line, 2u);
}

TEST(Config, RuleOptions) {
  const Config c =
      parse("rule-options:\n  maintainer-instruction.nope: 1\n  no-such-rule.x: 2\n  broken: 3\n");
  EXPECT_TRUE(warned(c, "has no option 'nope'"));
  EXPECT_TRUE(warned(c, "unknown rule 'no-such-rule'"));
  EXPECT_TRUE(warned(c, "must be `rule-name.option`"));
  EXPECT_TRUE(c.rule_options.values.empty());
  // A rule with options, if any: both spellings store "<name>.<option>".
  for (const Rule* r : all_rules()) {
    if (r->info().options.empty()) continue;
    const std::string name(r->info().name), opt(r->info().options[0].name);
    const Config flat = parse("rule-options:\n  " + name + "." + opt + ": [a, b]\n");
    EXPECT_TRUE(flat.warnings.empty());
    EXPECT_EQ(flat.rule_options.get(name, opt), std::optional<std::string_view>("a,b"));
    const Config nested =
        parse("rule-options:\n  " + std::string(r->info().id) + ":\n    " + opt + ": v\n");
    EXPECT_EQ(nested.rule_options.get(name, opt), std::optional<std::string_view>("v"));
    break;
  }
}

TEST(Config, Errors) {
  auto bad_yaml = parse_config("select: [DF701\n", "/x/.dfopt.yaml", ConfigFormat::dfopt);
  ASSERT_FALSE(bad_yaml);
  EXPECT_EQ(bad_yaml.error().kind, ErrorKind::config);
  EXPECT_TRUE(bad_yaml.error().location);
  EXPECT_FALSE(parse_config("- a\n- b\n", "c", ConfigFormat::dfopt));
  EXPECT_FALSE(parse_config("strict-labels: maybe\n", "c", ConfigFormat::dfopt));
  EXPECT_FALSE(parse_config("fail-level: fatal\n", "c", ConfigFormat::dfopt));
  EXPECT_FALSE(parse_config("severity: {DF701: fatal}\n", "c", ConfigFormat::dfopt));
  EXPECT_FALSE(parse_config("select: {a: b}\n", "c", ConfigFormat::dfopt));
}

TEST(Config, Hadolint) {
  const Config c = parse(R"(
ignored: [DL4000, SC2086, DL9999]
override:
  error: [DL4000]
trustedRegistries: docker.io
label-schema:
  author: text
strict-labels: false
failure-threshold: error
disable-ignore-pragma: true
no-color: true
unknown-thing: 1
)",
                         ConfigFormat::hadolint);
  // ShellCheck codes are kept: they apply when ShellCheck runs.
  EXPECT_EQ(c.selection.ignore, (std::vector<std::string>{"DL4000", "SC2086"}));
  EXPECT_TRUE(warned(c, "no dfopt rule mirrors hadolint's DL9999"));
  EXPECT_FALSE(warned(c, "SC2086"));
  EXPECT_TRUE(warned(c, "unknown hadolint config key 'unknown-thing'"));
  EXPECT_EQ(c.warnings.size(), 2u);
  ASSERT_EQ(c.severity.size(), 1u);
  EXPECT_EQ(c.severity[0].second, Severity::error);
  EXPECT_EQ(c.trusted_registries, std::vector<std::string>{"docker.io"});
  EXPECT_EQ(c.fail_level, FailLevel::error);
  EXPECT_TRUE(c.disable_ignore_pragma);
  EXPECT_FALSE(make_settings(c, {}).honour_pragmas);
  EXPECT_EQ(parse("no-fail: true\n", ConfigFormat::hadolint).fail_level, FailLevel::none);
  EXPECT_EQ(parse("failure-threshold: ignore\n", ConfigFormat::hadolint).fail_level,
            FailLevel::none);
}

TEST(FailLevel, Reaches) {
  EXPECT_TRUE(reaches(Severity::error, FailLevel::warning));
  EXPECT_TRUE(reaches(Severity::warning, FailLevel::warning));
  EXPECT_FALSE(reaches(Severity::info, FailLevel::warning));
  EXPECT_TRUE(reaches(Severity::style, FailLevel::style));
  EXPECT_FALSE(reaches(Severity::error, FailLevel::none));
}

class ConfigWalk : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("dfopt-config-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "a" / "b" / "c");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  std::string config_of(ConfigFinder& f, const fs::path& file) {
    auto c = f.find(file.string());
    EXPECT_TRUE(c) << (c ? "" : format_error(c.error()));
    return c ? (*c)->config.path : "?";
  }
  fs::path root_;
};

TEST_F(ConfigWalk, NearestDfoptWinsThenHadolint) {
  write(root_ / ".dfopt.yaml", "ignore: [DF701]\n");
  write(root_ / "a" / "b" / ".hadolint.yaml", "ignored: [DL4000]\n");
  write(root_ / "a" / "dfopt.yaml", "fail-level: error\n");
  ConfigFinder finder({});
  // A dfopt config anywhere up the tree beats a nearer hadolint one.
  EXPECT_EQ(config_of(finder, root_ / "a" / "b" / "c" / "Dockerfile"),
            (root_ / "a" / "dfopt.yaml").string());
  EXPECT_EQ(config_of(finder, root_ / "Dockerfile"), (root_ / ".dfopt.yaml").string());
  // Read once, shared by every file under it.
  auto x = finder.find((root_ / "a" / "Dockerfile").string());
  auto y = finder.find((root_ / "a" / "b" / "Dockerfile").string());
  ASSERT_TRUE(x && y);
  EXPECT_EQ(x->get(), y->get());
  EXPECT_EQ(finder.loaded().size(), 2u);
}

TEST_F(ConfigWalk, HadolintWhenNoDfopt) {
  write(root_ / "a" / ".hadolint.yml", "ignored: [DL4000]\n");
  ConfigFinder finder({});
  auto c = finder.find((root_ / "a" / "b" / "Dockerfile").string());
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->config.format, ConfigFormat::hadolint);
  EXPECT_FALSE((*c)->settings.rules.contains(maintainer()));
  // Outside of it: defaults (unless the temp dir's ancestors have a config).
  auto d = finder.find((root_ / "Dockerfile").string());
  ASSERT_TRUE(d);
  EXPECT_NE((*d)->config.path, (root_ / "a" / ".hadolint.yml").string());
}

TEST_F(ConfigWalk, ExplicitConfigAndErrors) {
  write(root_ / "a" / ".dfopt.yaml", "select: [\n");
  write(root_ / "custom.yaml", "select: [DF701]\n");
  ConfigFinder explicit_finder({}, (root_ / "custom.yaml").string());
  auto c = explicit_finder.find((root_ / "a" / "Dockerfile").string());
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->settings.rules.size(), 1u);
  ConfigFinder finder({});
  auto bad = finder.find((root_ / "a" / "b" / "Dockerfile").string());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::config);
  EXPECT_EQ(bad.error().path, (root_ / "a" / ".dfopt.yaml").string());
}

}  // namespace
}  // namespace dfopt
