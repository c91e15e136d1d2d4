#include "dfopt/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/json_schema.h"
#include "support/shared_dir.h"

namespace dfopt {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// A small synthetic run. DF701 is a real rule (maintainer-instruction); TST* codes are
// fabricated where no rule metadata is needed, and TST300 is a test-only security rule.

constexpr std::string_view kDockerfile =
    "FROM alpine:3.20\n"
    "MAINTAINER Jane Doe <jane@example.com>\n"
    "RUN echo \"h\xC3\xA9llo \xF0\x9F\x98\x80\" && apt-get install curl\n";

TextRange find_range(std::string_view text, std::string_view needle) {
  const auto at = static_cast<uint32_t>(text.find(needle));
  EXPECT_NE(at, static_cast<uint32_t>(std::string_view::npos)) << needle;
  return {at, at + static_cast<uint32_t>(needle.size())};
}

const RuleInfo& df701() {
  const Rule* rule = find_rule("DF701");
  EXPECT_NE(rule, nullptr);
  return rule->info();
}

Diagnostic maintainer_diagnostic(std::string_view text) {
  const TextRange instr = find_range(text, "MAINTAINER Jane Doe <jane@example.com>");
  Fix fix{"Replace with `LABEL org.opencontainers.image.authors`",
          {{instr, "LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\""}},
          Applicability::unsafe};
  return {std::string(df701().id), Severity::warning,
          "`MAINTAINER` is deprecated; use `LABEL org.opencontainers.image.authors`",
          find_range(text, "MAINTAINER"), std::move(fix)};
}

class SecurityRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static constexpr RuleInfo kInfo{
        .id = "TST300",
        .name = "test-secret-in-env",
        .category = Category::security,
        .severity = Severity::error,
        .summary = "a secret is stored in the image",
        .docs = "## What it does\nFlags secrets.\n\n## References\n- none\n"};
    return kInfo;
  }
};

const SecurityRule kSecurityRule;

std::vector<FileReport> sample_reports() {
  std::vector<FileReport> files(3);
  FileReport& a = files[0];
  a.path = "Dockerfile";
  a.source = SourceFile(a.path, std::string(kDockerfile));
  const std::string_view text = a.source.text();
  a.diagnostics.push_back(
      {"TST100", Severity::style, "base image `alpine:3.20` is not pinned by digest",
       find_range(text, "alpine:3.20"),
       Fix{"Pin the digest", {{{16, 16}, "@sha256:0123"}}, Applicability::safe}});
  a.diagnostics.push_back(maintainer_diagnostic(text));
  a.diagnostics.push_back({"TST300", Severity::error, "`curl` is installed without a version",
                           find_range(text, "curl"), std::nullopt});
  a.diagnostics.push_back({"internal-error", Severity::error,
                           "rule DF999 (broken-rule) failed: boom; please report this bug",
                           find_range(text, "RUN"), std::nullopt});
  FileReport& b = files[1];
  b.path = "missing/Dockerfile";
  b.error = Error{ErrorKind::io, "cannot read 'missing/Dockerfile': No such file or directory",
                  b.path, std::nullopt};
  FileReport& c = files[2];
  c.path = "clean.Dockerfile";
  c.source = SourceFile(c.path, "FROM scratch\n");
  return files;
}

std::vector<const Rule*> rules_that_ran() {
  std::vector<const Rule*> rules(all_rules().begin(), all_rules().end());
  rules.push_back(&kSecurityRule);
  return rules;
}

std::string render_sample(Format format, RenderOptions options = {}) {
  static const std::vector<const Rule*> rules = rules_that_ran();
  static const std::vector<FileReport> files = sample_reports();
  options.rules = rules;
  if (options.tool_version.empty()) options.tool_version = "1.2.3";
  return render(format, files, options);
}

// ---------------------------------------------------------------------------------------------

TEST(ReportFormat, ParsesEveryNameAndNothingElse) {
  for (std::string_view name : format_names()) {
    const std::optional<Format> f = parse_format(name);
    ASSERT_TRUE(f.has_value()) << name;
    EXPECT_EQ(to_string(*f), name);
  }
  EXPECT_EQ(format_names().size(), 7u);
  EXPECT_EQ(parse_format("sarif"), Format::sarif);
  EXPECT_FALSE(parse_format("SARIF").has_value());
  EXPECT_FALSE(parse_format("").has_value());
  EXPECT_FALSE(parse_format("xml").has_value());
}

TEST(ReportFormat, RuleDocsUrlIsUnderTheDocsBase) {
  EXPECT_EQ(rule_docs_url(df701()), "https://dfopt.dev/rules/maintainer-instruction");
}

// ---------------------------------------------------------------------------------------------
// text

TEST(ReportText, CompilerStyleWithSnippetsAndSummary) {
  const std::string expected =
      "Dockerfile:1:6: style: base image `alpine:3.20` is not pinned by digest [TST100]\n"
      "    1 | FROM alpine:3.20\n"
      "      |      ^~~~~~~~~~~\n"
      "      = help: Pin the digest\n"
      "\n"
      "Dockerfile:2:1: warning: `MAINTAINER` is deprecated; use `LABEL "
      "org.opencontainers.image.authors` [maintainer-instruction]\n"
      "    2 | MAINTAINER Jane Doe <jane@example.com>\n"
      "      | ^~~~~~~~~~\n"
      "      = help: Replace with `LABEL org.opencontainers.image.authors` (unsafe fix)\n"
      "\n"
      // UTF-16 column 40; the caret accounts for the emoji's two terminal columns.
      "Dockerfile:3:40: error: `curl` is installed without a version [test-secret-in-env]\n"
      "    3 | RUN echo \"h\xC3\xA9llo \xF0\x9F\x98\x80\" && apt-get install curl\n"
      "      |                                        ^~~~\n"
      "\n"
      "Dockerfile:3:1: error: rule DF999 (broken-rule) failed: boom; please report this bug "
      "[internal-error]\n"
      "missing/Dockerfile: error: cannot read 'missing/Dockerfile': No such file or directory "
      "[io-error]\n"
      "Found 3 problems (1 error, 1 warning, 1 style); 1 fixable with --fix (1 more with "
      "--unsafe-fixes); 1 file could not be read; 1 internal error\n";
  EXPECT_EQ(render_sample(Format::text), expected);
}

TEST(ReportText, ConciseWithoutSnippets) {
  RenderOptions options;
  options.show_source = false;
  const std::string out = render_sample(Format::text, options);
  EXPECT_NE(out.find("Dockerfile:2:1: warning: `MAINTAINER` is deprecated"), std::string::npos);
  EXPECT_EQ(out.find(" | "), std::string::npos);
  EXPECT_EQ(out.find("help:"), std::string::npos);
}

TEST(ReportText, ColourOnlyWhenAsked) {
  EXPECT_EQ(render_sample(Format::text).find('\x1b'), std::string::npos);
  RenderOptions options;
  options.color = true;
  const std::string out = render_sample(Format::text, options);
  EXPECT_NE(out.find("\x1b[1;33mwarning:\x1b[0m"), std::string::npos);
  EXPECT_NE(out.find("\x1b[1;31merror:\x1b[0m"), std::string::npos);
}

TEST(ReportText, NoColorEnvironmentWins) {
  const char* saved = std::getenv("NO_COLOR");
  const std::optional<std::string> original =
      saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(use_color(STDOUT_FILENO));
  EXPECT_FALSE(use_color(STDERR_FILENO));
  if (original) {
    ::setenv("NO_COLOR", original->c_str(), 1);
  } else {
    ::unsetenv("NO_COLOR");
  }
  // A pipe or file is never a terminal.
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(use_color(fileno(f)));
  std::fclose(f);
}

TEST(ReportText, NeverPassesEscapeSequencesThrough) {
  FileReport file;
  file.path = "evil\x1b[2J";
  file.source = SourceFile(file.path, "FROM x\x1b]0;pwned\x07\n");
  file.diagnostics.push_back({"TST1", Severity::warning, "bad \x1b[31mred\x9b", {0, 4}, {}});
  const std::string out = render(Format::text, std::span(&file, 1), {});
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
}

TEST(ReportText, MultiLineRangeUnderlinesToTheEndOfTheFirstLine) {
  FileReport file;
  file.path = "Dockerfile";
  file.source = SourceFile(file.path, "RUN a \\\r\n    b\n");
  file.diagnostics.push_back({"TST1", Severity::info, "long run", {4, 14}, {}});
  const std::string out = render(Format::text, std::span(&file, 1), {});
  EXPECT_NE(out.find("Dockerfile:1:5: info: long run [TST1]\n    1 | RUN a \\\n      |     ^~~\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Found 1 problem (1 info)\n"), std::string::npos) << out;
}

TEST(ReportText, NothingFound) { EXPECT_EQ(render(Format::text, {}, {}), "No problems found\n"); }

// ---------------------------------------------------------------------------------------------
// json

TEST(ReportJson, FollowsTheContract) {
  const json out = json::parse(render_sample(Format::json));
  ASSERT_EQ(out["files"].size(), 3u);
  const json& a = out["files"][0];
  EXPECT_EQ(a["path"], "Dockerfile");
  EXPECT_TRUE(a["error"].is_null());
  ASSERT_EQ(a["diagnostics"].size(), 4u);

  const json expected_maintainer = json::parse(R"({
    "rule": "DF701", "name": "maintainer-instruction", "severity": "warning",
    "message": "`MAINTAINER` is deprecated; use `LABEL org.opencontainers.image.authors`",
    "line": 2, "column": 1, "end_line": 2, "end_column": 11,
    "fix": {"title": "Replace with `LABEL org.opencontainers.image.authors`",
            "applicability": "unsafe",
            "edits": [{"line": 2, "column": 1, "end_line": 2, "end_column": 39,
                       "replacement": "LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\""}]}
  })");
  EXPECT_EQ(a["diagnostics"][1], expected_maintainer);

  const json& curl = a["diagnostics"][2];
  EXPECT_EQ(curl["rule"], "TST300");
  EXPECT_EQ(curl["name"], "test-secret-in-env");
  EXPECT_EQ(curl["column"], 40);  // UTF-16: é is 1 unit, the emoji 2
  EXPECT_EQ(curl["end_column"], 44);
  EXPECT_TRUE(curl["fix"].is_null());
  EXPECT_EQ(a["diagnostics"][3]["rule"], "internal-error");

  const json& b = out["files"][1];
  EXPECT_EQ(b["diagnostics"], json::array());
  EXPECT_EQ(b["error"]["kind"], "io");
  EXPECT_EQ(b["error"]["message"], "cannot read 'missing/Dockerfile': No such file or directory");

  const json expected_summary = json::parse(R"({
    "files": 3, "problems": 3, "errors": 1, "warnings": 1, "info": 0, "style": 1,
    "fixable": 1, "unsafe_fixable": 1, "unreadable_files": 1, "internal_errors": 1})");
  EXPECT_EQ(out["summary"], expected_summary);
}

TEST(ReportJson, KeysAreInContractOrder) {
  const std::string out = render_sample(Format::json);
  const size_t at = out.find("\"rule\": \"DF701\"");
  ASSERT_NE(at, std::string::npos);
  size_t last = at;
  for (std::string_view key : {"\"name\"", "\"severity\"", "\"message\"", "\"line\"", "\"column\"",
                               "\"end_line\"", "\"end_column\"", "\"fix\""}) {
    const size_t k = out.find(key, last);
    ASSERT_NE(k, std::string::npos) << key;
    last = k;
  }
  EXPECT_LT(out.find("\"files\""), out.find("\"summary\""));
}

TEST(ReportJson, InvalidUtf8BecomesReplacementCharacters) {
  FileReport file;
  file.path = "bad\xFF.Dockerfile";
  file.source = SourceFile(file.path, "FROM \xFF\n");
  file.diagnostics.push_back({"TST1", Severity::warning, "value \xFF\xFE", {5, 6}, {}});
  const json out = json::parse(render(Format::json, std::span(&file, 1), {}));
  EXPECT_EQ(out["files"][0]["path"], "bad\xEF\xBF\xBD.Dockerfile");
  EXPECT_EQ(out["files"][0]["diagnostics"][0]["message"], "value \xEF\xBF\xBD\xEF\xBF\xBD");
}

// ---------------------------------------------------------------------------------------------
// sarif

json sample_sarif() { return json::parse(render_sample(Format::sarif)); }

TEST(ReportSarif, DriverListsEveryRuleThatRan) {
  const json log = sample_sarif();
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "dfopt");
  EXPECT_EQ(driver["version"], "1.2.3");
  EXPECT_EQ(driver["semanticVersion"], "1.2.3");
  EXPECT_EQ(driver["informationUri"], "https://dfopt.dev");
  const json& rules = driver["rules"];
  // Every registered rule plus the test rule, even those with no result; then TST100, the one
  // fabricated code with a result.
  ASSERT_EQ(rules.size(), all_rules().size() + 2);
  for (size_t i = 0; i < all_rules().size(); ++i) {
    EXPECT_EQ(rules[i]["id"], all_rules()[i]->info().id);
  }
  const json* maintainer = nullptr;
  for (const json& r : rules) {
    if (r["id"] == "DF701") maintainer = &r;
    EXPECT_FALSE(r["shortDescription"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_FALSE(r["fullDescription"]["text"].get<std::string>().empty()) << r["id"];
    EXPECT_FALSE(r["help"]["text"].get<std::string>().empty()) << r["id"];
  }
  ASSERT_NE(maintainer, nullptr);
  EXPECT_EQ((*maintainer)["name"], "maintainer-instruction");
  EXPECT_EQ((*maintainer)["shortDescription"]["text"], df701().summary);
  // The docs' "What it does" section, as one paragraph.
  const std::string full = (*maintainer)["fullDescription"]["text"];
  EXPECT_NE(df701().docs.find(full.substr(0, full.find(' '))), std::string_view::npos) << full;
  EXPECT_EQ(full.find('\n'), std::string::npos);
  EXPECT_EQ(full.find("##"), std::string::npos);
  EXPECT_EQ((*maintainer)["help"]["markdown"], df701().docs);
  EXPECT_EQ((*maintainer)["helpUri"], "https://dfopt.dev/rules/maintainer-instruction");
  EXPECT_EQ((*maintainer)["defaultConfiguration"]["level"], "warning");
  EXPECT_EQ((*maintainer)["properties"]["tags"], json::array({"style"}));
  EXPECT_EQ((*maintainer)["properties"]["precision"], "high");
  EXPECT_EQ((*maintainer)["properties"]["problem.severity"], "warning");
  EXPECT_FALSE((*maintainer)["properties"].contains("security-severity"));

  const json& security = rules[all_rules().size()];
  EXPECT_EQ(security["id"], "TST300");
  EXPECT_EQ(security["properties"]["tags"], json::array({"security"}));
  EXPECT_EQ(security["properties"]["security-severity"], "8.0");
}

TEST(ReportSarif, ResultsCarryLocationsFingerprintsAndFixes) {
  const json log = sample_sarif();
  const json& run = log["runs"][0];
  const json& results = run["results"];
  ASSERT_EQ(results.size(), 3u);  // not the internal error, not the I/O error
  for (const json& r : results) {
    EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()]["id"], r["ruleId"]);
    const std::string fp = r["partialFingerprints"]["primaryLocationLineHash"];
    EXPECT_EQ(fp.size(), 18u) << fp;  // 16 hex digits, ':', occurrence
    EXPECT_EQ(fp.substr(16), ":1");
  }
  EXPECT_EQ(results[0]["level"], "note");  // style
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[2]["level"], "error");

  const json& maintainer = results[1];
  EXPECT_EQ(maintainer["ruleId"], "DF701");
  const json& loc = maintainer["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"],
            json::parse(R"({"uri":"Dockerfile","uriBaseId":"%SRCROOT%"})"));
  EXPECT_EQ(loc["region"],
            json::parse(R"({"startLine":2,"startColumn":1,"endLine":2,"endColumn":11})"));
  ASSERT_EQ(maintainer["fixes"].size(), 1u);
  const json& fix = maintainer["fixes"][0];
  EXPECT_EQ(fix["description"]["text"], "Replace with `LABEL org.opencontainers.image.authors`");
  ASSERT_EQ(fix["artifactChanges"].size(), 1u);
  EXPECT_EQ(fix["artifactChanges"][0]["artifactLocation"], loc["artifactLocation"]);
  const json& replacement = fix["artifactChanges"][0]["replacements"][0];
  EXPECT_EQ(replacement["deletedRegion"],
            json::parse(R"({"startLine":2,"startColumn":1,"endLine":2,"endColumn":39})"));
  EXPECT_EQ(replacement["insertedContent"]["text"],
            "LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"");
  EXPECT_EQ(fix["properties"]["applicability"], "unsafe");

  // An insertion: an empty deleted region.
  EXPECT_EQ(results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"],
            json::parse(R"({"startLine":1,"startColumn":17,"endLine":1,"endColumn":17})"));

  // UTF-16 columns.
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["region"]["startColumn"], 40);
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["region"]["endColumn"], 44);
  EXPECT_FALSE(results[2].contains("fixes"));

  const std::string base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  EXPECT_EQ(base.rfind("file:///", 0), 0u) << base;
  EXPECT_EQ(base.back(), '/');
}

TEST(ReportSarif, ErrorsAreNotificationsNotResults) {
  const json log = sample_sarif();
  const json& invocation = log["runs"][0]["invocations"][0];
  EXPECT_FALSE(invocation["executionSuccessful"].get<bool>());
  const json& notes = invocation["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0]["descriptor"]["id"], "internal-error");
  EXPECT_EQ(notes[0]["level"], "error");
  EXPECT_EQ(notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
  EXPECT_EQ(notes[1]["descriptor"]["id"], "io-error");
  EXPECT_EQ(notes[1]["message"]["text"],
            "cannot read 'missing/Dockerfile': No such file or directory");
  EXPECT_EQ(notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "missing/Dockerfile");
  const json& descriptors = log["runs"][0]["tool"]["driver"]["notifications"];
  for (const json& n : notes) {
    EXPECT_EQ(descriptors[n["descriptor"]["index"].get<size_t>()]["id"], n["descriptor"]["id"]);
  }
  for (const json& r : log["runs"][0]["results"]) {
    EXPECT_NE(r["ruleId"], "internal-error");
    EXPECT_NE(r["ruleId"], "io-error");
  }
}

TEST(ReportSarif, CleanRunIsSuccessfulAndStillListsRules) {
  std::vector<FileReport> files(1);
  files[0].path = "Dockerfile";
  files[0].source = SourceFile("Dockerfile", "FROM scratch\n");
  const std::vector<const Rule*> rules = rules_that_ran();
  RenderOptions options;
  options.rules = rules;
  const json log = json::parse(render(Format::sarif, files, options));
  EXPECT_TRUE(log["runs"][0]["invocations"][0]["executionSuccessful"].get<bool>());
  EXPECT_FALSE(log["runs"][0]["invocations"][0].contains("toolExecutionNotifications"));
  EXPECT_EQ(log["runs"][0]["results"], json::array());
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"].size(), rules.size());
}

TEST(ReportSarif, FixWithoutEditsIsLeftOut) {
  FileReport file;
  file.path = "Dockerfile";
  file.source = SourceFile(file.path, "FROM x\n");
  file.diagnostics.push_back({"TST1",
                              Severity::warning,
                              "hint only",
                              {0, 4},
                              Fix{"Consider", {}, Applicability::display_only}});
  const json log = json::parse(render(Format::sarif, std::span(&file, 1), {}));
  EXPECT_FALSE(log["runs"][0]["results"][0].contains("fixes"));
}

TEST(ReportSarif, PathsOutsideTheBaseAreAbsoluteUris) {
  FileReport file;
  file.path = "/elsewhere/my dir/Dockerfile";
  file.source = SourceFile(file.path, "FROM x\n");
  file.diagnostics.push_back({"TST1", Severity::warning, "w", {0, 4}, {}});
  RenderOptions options;
  options.base_dir = "/repo/";
  const json log = json::parse(render(Format::sarif, std::span(&file, 1), options));
  const json& run = log["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///repo/");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json::parse(R"({"uri":"file:///elsewhere/my%20dir/Dockerfile"})"));

  file.path = "/repo/sub/Docker file#1";
  const json inside = json::parse(render(Format::sarif, std::span(&file, 1), options));
  EXPECT_EQ(inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json::parse(R"({"uri":"sub/Docker%20file%231","uriBaseId":"%SRCROOT%"})"));
}

/// The primaryLocationLineHash of each result of `text` with `rule` flagging `needle`.
std::vector<std::string> line_hashes(std::string text, std::string_view needle,
                                     std::string code = "DF701") {
  FileReport file;
  file.path = "Dockerfile";
  file.source = SourceFile(file.path, std::move(text));
  const std::string_view t = file.source.text();
  for (size_t at = t.find(needle); at != std::string_view::npos; at = t.find(needle, at + 1)) {
    file.diagnostics.push_back(
        {code,
         Severity::warning,
         "m",
         {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())},
         {}});
  }
  const json log = json::parse(render(Format::sarif, std::span(&file, 1), {}));
  std::vector<std::string> out;
  for (const json& r : log["runs"][0]["results"]) {
    out.push_back(r["partialFingerprints"]["primaryLocationLineHash"]);
  }
  return out;
}

TEST(ReportSarif, FingerprintsSurviveUnrelatedEdits) {
  const std::string before = "FROM alpine:3.20\nMAINTAINER me\nRUN true\n";
  const std::string inserted =
      "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n\nRUN echo hi\n"
      "MAINTAINER me\nRUN true\n";
  const std::string reindented = "FROM alpine:3.20\n  MAINTAINER   me  \nRUN true\n";
  const auto a = line_hashes(before, "MAINTAINER");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(line_hashes(inserted, "MAINTAINER"), a);
  EXPECT_EQ(line_hashes(reindented, "MAINTAINER"), a);
  // The flagged line's text, or the rule, is the identity.
  EXPECT_NE(line_hashes("FROM alpine:3.20\nMAINTAINER you\n", "MAINTAINER"), a);
  EXPECT_NE(line_hashes(before, "MAINTAINER", "TST1"), a);
}

TEST(ReportSarif, RepeatedLinesAreTellApartByOccurrence) {
  const auto h =
      line_hashes("FROM a\nMAINTAINER me\nMAINTAINER me\nMAINTAINER other\n", "MAINTAINER");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].substr(0, 16), h[1].substr(0, 16));
  EXPECT_EQ(h[0].substr(16), ":1");
  EXPECT_EQ(h[1].substr(16), ":2");
  EXPECT_NE(h[2].substr(0, 16), h[0].substr(0, 16));
  EXPECT_EQ(h[2].substr(16), ":1");
  // Inserting a copy of the second line above the first shifts occurrences, as GitHub's own
  // fingerprints do; inserting anything else does not.
  EXPECT_EQ(
      line_hashes("FROM a\nRUN x\nMAINTAINER me\nMAINTAINER me\nMAINTAINER other\n", "MAINTAINER"),
      h);
}

TEST(ReportSarif, MultiLineFindingHashesEveryFlaggedLine) {
  const std::string text = "RUN apt-get update && \\\n    apt-get install curl\n";
  FileReport one, two;
  one.path = two.path = "Dockerfile";
  one.source = SourceFile("Dockerfile", text);
  two.source = SourceFile("Dockerfile", "RUN apt-get update && \\\n    apt-get install wget\n");
  one.diagnostics.push_back(
      {"TST1", Severity::warning, "m", {0, static_cast<uint32_t>(text.size() - 1)}, {}});
  two.diagnostics.push_back(one.diagnostics[0]);
  const json a = json::parse(render(Format::sarif, std::span(&one, 1), {}));
  const json b = json::parse(render(Format::sarif, std::span(&two, 1), {}));
  EXPECT_NE(a["runs"][0]["results"][0]["partialFingerprints"],
            b["runs"][0]["results"][0]["partialFingerprints"]);
}

// ---------------------------------------------------------------------------------------------
// SARIF schema validation

std::optional<json> sarif_schema() {
  const fs::path path = test::shared_dir() / "schemas" / "sarif-schema-2.1.0.json";
  std::ifstream in(path);
  if (!in) return std::nullopt;
  return json::parse(in);
}

#define DFOPT_REQUIRE_SCHEMA(var)                 \
  const std::optional<json> var = sarif_schema(); \
  if (!var) GTEST_SKIP() << "SARIF schema not found under " << test::shared_dir() << "/schemas"

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(ReportSarifSchema, OutputIsValidSarif210) {
  DFOPT_REQUIRE_SCHEMA(schema);
  const test::JsonSchema validator(*schema);
  const auto errors = validator.validate(sample_sarif());
  EXPECT_TRUE(errors.empty()) << join(errors);

  // And a clean run, and one without any file.
  std::vector<FileReport> clean(1);
  clean[0].path = "Dockerfile";
  clean[0].source = SourceFile("Dockerfile", "FROM scratch\n");
  EXPECT_TRUE(validator.validate(json::parse(render(Format::sarif, clean, {}))).empty());
  EXPECT_TRUE(validator.validate(json::parse(render(Format::sarif, {}, {}))).empty());
}

TEST(ReportSarifSchema, ValidatorRejectsInvalidDocuments) {
  DFOPT_REQUIRE_SCHEMA(schema);
  const test::JsonSchema validator(*schema);
  const json good = sample_sarif();
  ASSERT_TRUE(validator.validate(good).empty());

  struct Mutation {
    const char* what;
    const char* expect;  // a substring of one reported error
    void (*apply)(json&);
  };
  const Mutation mutations[] = {
      {"no version", "missing required property 'version'", [](json& j) { j.erase("version"); }},
      {"wrong version", "is not one of", [](json& j) { j["version"] = "2.0.0"; }},
      {"unknown top-level property", "property 'extra' is not allowed",
       [](json& j) { j["extra"] = 1; }},
      {"runs is not an array", "expected type", [](json& j) { j["runs"] = json::object(); }},
      {"line 0", "below the minimum",
       [](json& j) {
         j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
       }},
      {"string line", "expected type",
       [](json& j) {
         j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["endLine"] = "2";
       }},
      {"empty artifactChanges (GitHub's classic rejection)", "needs at least 1 items",
       [](json& j) { j["runs"][0]["results"][1]["fixes"][0]["artifactChanges"] = json::array(); }},
      {"duplicate rules", "items are not unique",
       [](json& j) {
         auto& rules = j["runs"][0]["tool"]["driver"]["rules"];
         rules.push_back(rules[0]);
       }},
      {"message without text or id", "matches none of anyOf",
       [](json& j) { j["runs"][0]["results"][0]["message"] = json::object(); }},
      {"bad level", "is not one of",
       [](json& j) { j["runs"][0]["results"][0]["level"] = "fatal"; }},
      {"uri with a space", "is not a valid uri-reference",
       [](json& j) {
         j["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
             "my file";
       }},
      {"relative helpUri", "is not a valid uri",
       [](json& j) { j["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "rules/x"; }},
      {"bad guid", "does not match",
       [](json& j) { j["runs"][0]["results"][0]["guid"] = "not-a-guid"; }},
  };
  for (const Mutation& m : mutations) {
    json bad = good;
    m.apply(bad);
    const auto errors = validator.validate(bad);
    EXPECT_FALSE(errors.empty()) << m.what;
    EXPECT_NE(join(errors).find(m.expect), std::string::npos) << m.what << ":\n" << join(errors);
  }
}

TEST(JsonSchema, SupportsTheKeywordsItClaims) {
  const test::JsonSchema schema(json::parse(R"({
    "definitions": {"pos": {"type": "integer", "minimum": 1, "maximum": 9}},
    "type": "object",
    "properties": {
      "a": {"$ref": "#/definitions/pos"},
      "b": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
      "c": {"type": ["array", "null"], "items": {"enum": ["x", "y"]}, "uniqueItems": true},
      "d": {"type": "string", "format": "date-time"},
      "e": {"not": {"type": "null"}}
    },
    "additionalProperties": {"type": "boolean"}
  })"));
  EXPECT_TRUE(
      schema
          .validate(json::parse(
              R"({"a": 3, "b": "s", "c": ["x"], "d": "2024-05-06T10:00:00Z", "e": 1, "z": true})"))
          .empty());
  EXPECT_TRUE(schema.validate(json::parse(R"({"c": null})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"a": 10})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"a": 1.5})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"b": true})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"c": ["x", "x"]})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"c": ["q"]})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"d": "yesterday"})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"e": null})")).empty());
  EXPECT_FALSE(schema.validate(json::parse(R"({"z": 1})")).empty());
  EXPECT_FALSE(schema.validate(json::parse("[]")).empty());

  // A keyword it does not implement is an error, never silently accepted.
  const test::JsonSchema unsupported(json::parse(R"({"patternProperties": {"x": {}}})"));
  EXPECT_FALSE(unsupported.validate(json::object()).empty());
  const test::JsonSchema dangling(json::parse(R"({"$ref": "#/definitions/nope"})"));
  EXPECT_FALSE(dangling.validate(json::object()).empty());
}

// ---------------------------------------------------------------------------------------------
// sarif-multitool (npm), when installed

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportSarifMultitool, ValidatesWithZeroErrors) {
  const fs::path source_dir = DFOPT_SOURCE_DIR;
  if (!fs::exists(source_dir / "node_modules/@microsoft/sarif-multitool/package.json")) {
    GTEST_SKIP() << "@microsoft/sarif-multitool is not installed; run `npm ci` in "
                 << source_dir.string();
  }
  if (std::system("command -v npx >/dev/null 2>&1") != 0) GTEST_SKIP() << "npx is not on PATH";

  const fs::path dir =
      fs::temp_directory_path() / ("dfopt-sarif-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  const fs::path input = dir / "dfopt.sarif";
  const fs::path output = dir / "validation.sarif";
  const fs::path config = dir / "policy.xml";
  {
    std::ofstream out(input, std::ios::binary);
    out << render_sample(Format::sarif);
    // SARIF2006 (a note) fetches every helpUri over HTTP: slow, needs the network, and our docs
    // URL is a placeholder. Every other rule keeps its default.
    std::ofstream policy(config, std::ios::binary);
    policy << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Properties>\n"
              "  <Properties Key=\"SARIF2006.UrisShouldBeReachable.Options\">\n"
              "    <Property Key=\"RuleEnabled\" Value=\"Disabled\" />\n"
              "  </Properties>\n</Properties>\n";
  }
  // The package's bin.js runs the tool through a shell (spawnSync with shell: true), so the
  // arguments go through two shells: keep them free of ';', spaces and quotes. `--log` takes a
  // list, so an option must follow it, not the input file.
  const std::string command = "cd '" + source_dir.string() +
                              "' && npx --no-install @microsoft/sarif-multitool validate "
                              "--config '" +
                              config.string() + "' --log ForceOverwrite --output '" +
                              output.string() + "' '" + input.string() + "' > '" +
                              (dir / "console.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const std::string console = read_file(dir / "console.txt");
  ASSERT_EQ(status, 0) << console;
  ASSERT_TRUE(fs::exists(output)) << console;
  const json report = json::parse(read_file(output));
  std::vector<std::string> errors, others;
  for (const json& run : report["runs"]) {
    for (const json& r : run.value("results", json::array())) {
      const std::string line =
          r.value("ruleId", "?") + " (" + r.value("level", "warning") + "): " + r["message"].dump();
      (r.value("level", "warning") == "error" ? errors : others).push_back(line);
    }
  }
  EXPECT_TRUE(errors.empty()) << join(errors) << console;
  // Warnings are advice; show them without failing.
  if (!others.empty()) std::printf("sarif-multitool advice:\n%s", join(others).c_str());
}

// ---------------------------------------------------------------------------------------------
// checkstyle, gitlab, github, junit

TEST(ReportCheckstyle, Xml) {
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<checkstyle version=\"4.3\">\n"
      "  <file name=\"Dockerfile\">\n"
      "    <error line=\"1\" column=\"6\" severity=\"info\" message=\"base image `alpine:3.20` is "
      "not pinned by digest\" source=\"TST100\"/>\n"
      "    <error line=\"2\" column=\"1\" severity=\"warning\" message=\"`MAINTAINER` is "
      "deprecated; use `LABEL org.opencontainers.image.authors`\" source=\"DF701\"/>\n"
      "    <error line=\"3\" column=\"40\" severity=\"error\" message=\"`curl` is installed "
      "without a version\" source=\"TST300\"/>\n"
      "    <error line=\"3\" column=\"1\" severity=\"error\" message=\"rule DF999 (broken-rule) "
      "failed: boom; please report this bug\" source=\"internal-error\"/>\n"
      "  </file>\n"
      "  <file name=\"missing/Dockerfile\">\n"
      "    <error line=\"1\" severity=\"error\" message=\"cannot read "
      "&apos;missing/Dockerfile&apos;: "
      "No such file or directory\" source=\"io-error\"/>\n"
      "  </file>\n"
      "  <file name=\"clean.Dockerfile\">\n"
      "  </file>\n"
      "</checkstyle>\n";
  EXPECT_EQ(render_sample(Format::checkstyle), expected);
}

TEST(ReportXml, EscapesMarkupAndCharactersXmlCannotCarry) {
  FileReport file;
  file.path = "a&b<c>.Dockerfile";
  file.source = SourceFile(file.path, "FROM x\n");
  file.diagnostics.push_back({"TST1", Severity::warning, "\"q\" & <t>\x01\xFF\nnext", {0, 4}, {}});
  const std::string checkstyle = render(Format::checkstyle, std::span(&file, 1), {});
  EXPECT_NE(checkstyle.find("name=\"a&amp;b&lt;c&gt;.Dockerfile\""), std::string::npos);
  EXPECT_NE(
      checkstyle.find("message=\"&quot;q&quot; &amp; &lt;t&gt;\xEF\xBF\xBD\xEF\xBF\xBD&#10;next\""),
      std::string::npos)
      << checkstyle;
  const std::string junit = render(Format::junit, std::span(&file, 1), {});
  EXPECT_EQ(junit.find('\x01'), std::string::npos);
  EXPECT_EQ(junit.find("<t>"), std::string::npos);
}

TEST(ReportGitlab, CodeQualityIssues) {
  const json issues = json::parse(render_sample(Format::gitlab));
  ASSERT_TRUE(issues.is_array());
  ASSERT_EQ(issues.size(), 3u);  // no internal or I/O error
  EXPECT_EQ(issues[1]["check_name"], "DF701");
  EXPECT_EQ(issues[1]["description"],
            "`MAINTAINER` is deprecated; use `LABEL org.opencontainers.image.authors` "
            "[maintainer-instruction]");
  EXPECT_EQ(issues[1]["severity"], "major");
  EXPECT_EQ(issues[1]["location"], json::parse(R"({"path":"Dockerfile","lines":{"begin":2}})"));
  EXPECT_EQ(issues[0]["severity"], "info");      // style
  EXPECT_EQ(issues[2]["severity"], "critical");  // error
  std::set<std::string> prints;
  for (const json& i : issues) {
    EXPECT_EQ(i["type"], "issue");
    EXPECT_EQ(i["fingerprint"].get<std::string>().size(), 16u);
    prints.insert(i["fingerprint"]);
  }
  EXPECT_EQ(prints.size(), issues.size());

  FileReport broken;
  broken.path = "Dockerfile";
  broken.source = SourceFile(broken.path, "RUN <<EOF\n");
  broken.diagnostics.push_back(
      {"syntax-error", Severity::error, "unterminated heredoc", {4, 9}, {}});
  const json b = json::parse(render(Format::gitlab, std::span(&broken, 1), {}));
  EXPECT_EQ(b[0]["severity"], "blocker");
  EXPECT_EQ(b[0]["check_name"], "DF901");
}

TEST(ReportGitlab, FingerprintsDependOnThePathAndSurviveInsertions) {
  auto print = [](std::string path, std::string text) {
    FileReport f;
    f.path = path;
    f.source = SourceFile(path, text);
    const auto at = static_cast<uint32_t>(text.find("MAINTAINER"));
    f.diagnostics.push_back({"DF701", Severity::warning, "m", {at, at + 10}, {}});
    return json::parse(render(Format::gitlab, std::span(&f, 1), {}))[0]["fingerprint"];
  };
  const json a = print("Dockerfile", "FROM a\nMAINTAINER me\n");
  EXPECT_EQ(print("Dockerfile", "FROM a\n\n# hi\nMAINTAINER me\n"), a);
  EXPECT_NE(print("other/Dockerfile", "FROM a\nMAINTAINER me\n"), a);
}

TEST(ReportGithub, WorkflowCommands) {
  const std::string expected =
      "::notice file=Dockerfile,line=1,col=6,endLine=1,endColumn=17,title=dfopt (TST100)::"
      "base image `alpine:3.20` is not pinned by digest\n"
      "::warning file=Dockerfile,line=2,col=1,endLine=2,endColumn=11,title=DF701 "
      "(maintainer-instruction)::`MAINTAINER` is deprecated; use `LABEL "
      "org.opencontainers.image.authors`\n"
      "::error file=Dockerfile,line=3,col=40,endLine=3,endColumn=44,title=TST300 "
      "(test-secret-in-env)::`curl` is installed without a version\n"
      "::error file=Dockerfile,line=3,col=1,endLine=3,endColumn=4,title=dfopt (internal-error)::"
      "rule DF999 (broken-rule) failed: boom; please report this bug\n"
      "::error file=missing/Dockerfile,title=dfopt (io-error)::cannot read "
      "'missing/Dockerfile': No such file or directory\n";
  EXPECT_EQ(render_sample(Format::github), expected);
}

TEST(ReportGithub, EscapesDataAndProperties) {
  FileReport file;
  file.path = "dir,with:odd%chars/Dockerfile";
  file.source = SourceFile(file.path, "RUN a \\\n  b\n");
  file.diagnostics.push_back({"TST1", Severity::error, "100% bad:\r\nreally, yes", {0, 11}, {}});
  const std::string out = render(Format::github, std::span(&file, 1), {});
  EXPECT_EQ(out,
            "::error file=dir%2Cwith%3Aodd%25chars/Dockerfile,line=1,endLine=2,"
            "title=dfopt (TST1)::100%25 bad:%0D%0Areally, yes\n");
  EXPECT_EQ(render(Format::github, {}, {}), "");
}

TEST(ReportJunit, OneSuitePerFileOneCasePerFinding) {
  const std::string out = render_sample(Format::junit);
  EXPECT_EQ(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  EXPECT_NE(out.find("<testsuites name=\"dfopt\" tests=\"6\" failures=\"3\" errors=\"2\">"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<testsuite name=\"Dockerfile\" tests=\"4\" failures=\"3\" errors=\"1\" "
                     "skipped=\"0\">"),
            std::string::npos);
  EXPECT_NE(out.find("<testcase name=\"DF701 maintainer-instruction at 2:1\" "
                     "classname=\"Dockerfile\" file=\"Dockerfile\" line=\"2\">\n"
                     "      <failure message=\"`MAINTAINER` is deprecated; use `LABEL "
                     "org.opencontainers.image.authors`\" type=\"warning\">Dockerfile:2:1: "
                     "warning: `MAINTAINER` is deprecated; use `LABEL "
                     "org.opencontainers.image.authors` [maintainer-instruction]</failure>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<testsuite name=\"missing/Dockerfile\" tests=\"1\" failures=\"0\" "
                     "errors=\"1\" skipped=\"0\">\n    <testcase name=\"io-error\""),
            std::string::npos);
  EXPECT_NE(out.find("<testsuite name=\"clean.Dockerfile\" tests=\"1\" failures=\"0\" errors=\"0\" "
                     "skipped=\"0\">\n    <testcase name=\"dfopt\" classname=\"clean.Dockerfile\" "
                     "file=\"clean.Dockerfile\"/>"),
            std::string::npos);
  EXPECT_NE(out.find("<error message=\"rule DF999 (broken-rule) failed"), std::string::npos);
}

TEST(ReportAll, EveryFormatHandlesEmptyInputAndEndsWithNewline) {
  for (std::string_view name : format_names()) {
    const Format f = *parse_format(name);
    const std::string out = render_sample(f);
    ASSERT_FALSE(out.empty()) << name;
    EXPECT_EQ(out.back(), '\n') << name;
    const std::string empty = render(f, {}, {});
    if (f != Format::github) {
      ASSERT_FALSE(empty.empty()) << name;
      EXPECT_EQ(empty.back(), '\n') << name;
    }
  }
}

}  // namespace
}  // namespace dfopt
