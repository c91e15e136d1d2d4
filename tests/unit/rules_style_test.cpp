// Unit tests for the tricky parts of the `style` rules: label value validators, the label schema
// option, casing majorities and the legacy ENV fix. The fixtures in tests/rules/style cover the
// rest through the engine.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "../../rules/style/label_schema.h"
#include "dfopt/engine.h"
#include "dfopt/fixes.h"
#include "dfopt/model.h"
#include "dfopt/parse.h"
#include "dfopt/rule.h"

namespace dfopt {
namespace {

struct RunResult {
  std::vector<Diagnostic> diags;
  std::string fixed;  // all fixes (unsafe included) applied once
};

RunResult run(std::string_view rule, const std::string& text, OptionValues options = {},
              SharedSettings shared = {}) {
  const SourceFile src("Dockerfile", text);
  const ParseResult parsed = parse(src);
  const model::Model m = model::build_model(parsed.ast, src);
  const FileContext ctx{src, parsed.ast, m, shared, options};
  const Rule* r = find_rule(rule);
  EXPECT_NE(r, nullptr) << rule;
  RunResult out;
  if (!r) return out;
  out.diags = run_rules(std::span<const Rule* const>(&r, 1), ctx);
  out.fixed = apply_fixes(text, out.diags, /*unsafe=*/true);
  return out;
}

TEST(LabelValidators, Url) {
  using rules::labels::valid_url;
  EXPECT_TRUE(valid_url("https://github.com/acme/app"));
  EXPECT_TRUE(valid_url("http://user:pw@host:8080/p/a%20b?q=1#frag"));
  EXPECT_TRUE(valid_url("urn:isbn:0451450523"));
  EXPECT_TRUE(valid_url("http://[2001:db8::1]/"));
  EXPECT_FALSE(valid_url("github.com/acme/app"));  // no scheme
  EXPECT_FALSE(valid_url("1http://x"));            // scheme must start with a letter
  EXPECT_FALSE(valid_url("http://exa mple.com"));
  EXPECT_FALSE(valid_url("http://host/%zz"));
  EXPECT_FALSE(valid_url("http://host:port/"));
  EXPECT_FALSE(valid_url(""));
}

TEST(LabelValidators, Rfc3339) {
  using rules::labels::valid_rfc3339;
  EXPECT_TRUE(valid_rfc3339("2024-05-01T12:00:00Z"));
  EXPECT_TRUE(valid_rfc3339("2024-05-01t12:00:00.5-07:00"));
  EXPECT_TRUE(valid_rfc3339("2000-02-29T00:00:00Z"));   // leap year (divisible by 400)
  EXPECT_FALSE(valid_rfc3339("1900-02-29T00:00:00Z"));  // not a leap year
  EXPECT_FALSE(valid_rfc3339("2024-05-01"));
  EXPECT_FALSE(valid_rfc3339("2024-05-01 12:00:00Z"));
  EXPECT_FALSE(valid_rfc3339("2024-13-01T12:00:00Z"));
  EXPECT_FALSE(valid_rfc3339("2024-05-01T12:00:00"));  // offset required
  EXPECT_FALSE(valid_rfc3339("2024-05-01T12:00:00.Z"));
  EXPECT_FALSE(valid_rfc3339("2024-05-01T12:00:00+0200"));
}

TEST(LabelValidators, SemverHashSpdxEmail) {
  using namespace rules::labels;
  EXPECT_TRUE(valid_semver("0.1.0"));
  EXPECT_TRUE(valid_semver("1.0.0-rc.1+sha.5114f85"));
  EXPECT_FALSE(valid_semver("1.0"));
  EXPECT_FALSE(valid_semver("v1.0.0"));
  EXPECT_FALSE(valid_semver("1.0.0-"));
  EXPECT_FALSE(valid_semver("1.0.0-a..b"));
  EXPECT_FALSE(valid_semver("1.00.0"));

  EXPECT_TRUE(valid_git_hash("abcdef0"));
  EXPECT_FALSE(valid_git_hash("abcdefg"));
  EXPECT_FALSE(valid_git_hash("ABCDEF0"));

  EXPECT_TRUE(valid_spdx("MIT"));
  EXPECT_TRUE(valid_spdx("Apache-2.0"));
  EXPECT_TRUE(valid_spdx("0BSD"));
  EXPECT_FALSE(valid_spdx("Apache 2.0"));
  EXPECT_FALSE(valid_spdx("MIT OR Apache-2.0"));

  EXPECT_TRUE(valid_email("a@b"));
  EXPECT_TRUE(valid_email("\"a b\"@example.com"));
  EXPECT_FALSE(valid_email("a@@b"));
  EXPECT_FALSE(valid_email("a..b@example.com"));
  EXPECT_FALSE(valid_email("@example.com"));
  EXPECT_FALSE(valid_email("Jane <jane@example.com>"));
}

TEST(LabelSchema, OptionOverridesSharedSettings) {
  SharedSettings shared;
  shared.required_labels = {{"org.example.url", "url"}};
  const std::string text = "FROM alpine\nLABEL org.example.url=nope other.url=nope\n";
  EXPECT_EQ(run("label-invalid-url", text, {}, shared).diags.size(), 1u);
  OptionValues opts;
  opts.values = {{"label-invalid-url.required-labels", "other.url:url"}};
  const RunResult r = run("label-invalid-url", text, opts, shared);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_NE(r.diags[0].message.find("'other.url'"), std::string::npos);
  // No schema at all: inactive.
  EXPECT_TRUE(run("label-invalid-url", text).diags.empty());
}

TEST(LabelSchema, StrictLabelsFromSharedSettings) {
  SharedSettings shared;
  shared.strict_labels = true;
  // hadolint: with strict labels and an empty schema, every label is superfluous.
  EXPECT_EQ(run("label-superfluous", "FROM a\nLABEL a=1 b=2\n", {}, shared).diags.size(), 2u);
  OptionValues off;
  off.values = {{"label-superfluous.strict-labels", "false"}};
  EXPECT_TRUE(run("label-superfluous", "FROM a\nLABEL a=1\n", off, shared).diags.empty());
}

TEST(LabelMissing, UnnamedChildExemptsItsParent) {
  OptionValues opts;
  opts.values = {{"label-missing.required-labels", "maintainer"}};
  // hadolint's quirk: an unnamed stage setting the label exempts the stage named like its base.
  const RunResult r = run("label-missing", "FROM a AS base\nFROM base\nLABEL maintainer=x\n", opts);
  EXPECT_TRUE(r.diags.empty());
  // COPY --from by index does not exempt a stage.
  const RunResult idx = run(
      "label-missing", "FROM a AS tools\nFROM b\nLABEL maintainer=x\nCOPY --from=0 / /\n", opts);
  ASSERT_EQ(idx.diags.size(), 1u);
  EXPECT_NE(idx.diags[0].message.find("stage 'tools'"), std::string::npos);
}

TEST(InstructionCasing, TieMeansUppercase) {
  const RunResult r = run("inconsistent-instruction-casing", "from a\nRUN x\n");
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.fixed, "FROM a\nRUN x\n");
}

TEST(LegacyKeyValue, FixKeepsBuildKitValue) {
  // Escapes and quotes without variables: the value is re-quoted from BuildKit's reading.
  EXPECT_EQ(run("legacy-key-value-format", "FROM a\nENV A a\\ b 'c d'\n").fixed,
            "FROM a\nENV A=\"a b c d\"\n");
  // Backtick escape: quotes and the escape character are escaped with it.
  EXPECT_EQ(run("legacy-key-value-format", "# escape=`\nFROM a\nLABEL k \"x\" y`\" z\n").fixed,
            "# escape=`\nFROM a\nLABEL k=\"x y`\" z\"\n");
  // A variable plus quotes: no fix at all.
  const RunResult none = run("legacy-key-value-format", "FROM a\nENV A \"$B\" c\n");
  ASSERT_EQ(none.diags.size(), 1u);
  EXPECT_FALSE(none.diags[0].fix.has_value());
}

TEST(AddInsteadOfCopy, FixSafety) {
  const RunResult safe = run("add-instead-of-copy", "FROM a\nADD --chmod=644 --link x y /d/\n");
  ASSERT_EQ(safe.diags.size(), 1u);
  ASSERT_TRUE(safe.diags[0].fix.has_value());
  EXPECT_EQ(safe.diags[0].fix->applicability, Applicability::safe);
  const RunResult var = run("add-instead-of-copy", "FROM a\nARG F=x\nADD $F /d/\n");
  ASSERT_EQ(var.diags.size(), 1u);
  ASSERT_TRUE(var.diags[0].fix.has_value());
  EXPECT_EQ(var.diags[0].fix->applicability, Applicability::unsafe);
  EXPECT_TRUE(run("add-instead-of-copy", "FROM a\nADD --checksum=sha256:0 x /d\n").diags.size() ==
              1);
  EXPECT_FALSE(run("add-instead-of-copy", "FROM a\nADD --checksum=sha256:0 x /d\n")
                   .diags[0]
                   .fix.has_value());
}

}  // namespace
}  // namespace dfopt
