// `sarif`: SARIF 2.1.0 as GitHub code scanning reads it (../shared/reference/sarif-github.md).
// One run for all files (GitHub rejects several runs of one tool and category in one upload).

#include <fmt/format.h>

#include <regex>
#include <unordered_map>
#include <unordered_set>

#include "report/common.h"
#include "report/json_writer.h"

namespace dfopt::detail {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
// GitHub truncates longer descriptions (reportingDescriptor short/fullDescription limits).
constexpr size_t kMaxDescription = 1024;

std::string_view level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
    case Severity::style:
      return "note";
  }
  return "note";
}

/// GitHub's `problem.severity` for non-security alerts.
std::string_view problem_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
    case Severity::style:
      return "recommendation";
  }
  return "recommendation";
}

/// GitHub's CVSS-like score for security rules: 7.0-8.9 shows as High, 4.0-6.9 as Medium,
/// 0.1-3.9 as Low.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "8.0";
    case Severity::warning:
      return "5.0";
    case Severity::info:
    case Severity::style:
      return "3.0";
  }
  return "3.0";
}

/// Whitespace runs (newlines included) collapsed to one space, cut to kMaxDescription bytes at a
/// UTF-8 boundary.
std::string one_paragraph(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      blank = !out.empty();
      continue;
    }
    if (blank) out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  if (out.size() > kMaxDescription) {
    size_t cut = kMaxDescription - 3;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}

/// The body of the docs' `## What it does` section, or "" when there is none.
std::string_view what_it_does(std::string_view docs) {
  constexpr std::string_view kHeading = "## What it does";
  const size_t at = docs.find(kHeading);
  if (at == std::string_view::npos) return {};
  docs.remove_prefix(at + kHeading.size());
  return docs.substr(0, docs.find("\n## "));
}

bool is_semver(std::string_view v) {
  static const std::regex kSemver(
      R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)([-+][0-9A-Za-z.+-]+)?$)");
  return std::regex_match(v.begin(), v.end(), kSemver);
}

ordered_json descriptor(const RuleInfo& rule) {
  const std::string summary = one_paragraph(rule.summary.empty() ? rule.name : rule.summary);
  std::string full = one_paragraph(what_it_does(rule.docs));
  if (full.empty()) full = summary;
  ordered_json tags = ordered_json::array({to_string(rule.category)});
  if (rule.status == RuleStatus::preview) tags.push_back("preview");
  ordered_json properties = {
      {"tags", std::move(tags)},
      // Preview rules are new and may still report false positives (GitHub hides low precision).
      {"precision", rule.status == RuleStatus::stable ? "high" : "medium"},
      {"problem.severity", problem_severity(rule.severity)}};
  if (rule.category == Category::security) {
    properties["security-severity"] = security_severity(rule.severity);
  }
  ordered_json help = {{"text", rule.docs.empty() ? summary : std::string(rule.docs)}};
  if (!rule.docs.empty()) help["markdown"] = rule.docs;
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", summary}}},
          {"fullDescription", {{"text", full}}},
          {"defaultConfiguration", {{"level", level(rule.severity)}}},
          {"help", std::move(help)},
          {"helpUri", rule_docs_url(rule)},
          {"properties", std::move(properties)}};
}

/// A descriptor for a code that is not a registered rule (a front end's own code): GitHub needs
/// one for every result, with non-empty descriptions.
ordered_json synthetic_descriptor(std::string_view code, Severity severity) {
  // No `name`: one equal to the ID is an error to SARIF validators (SARIF1001).
  return {{"id", code},
          {"shortDescription", {{"text", code}}},
          {"fullDescription", {{"text", code}}},
          {"defaultConfiguration", {{"level", level(severity)}}},
          {"help", {{"text", code}}},
          {"properties", {{"problem.severity", problem_severity(severity)}}}};
}

/// A descriptor for a ShellCheck code (`SC2086`): ShellCheck's wiki has a page for each.
ordered_json shellcheck_descriptor(std::string_view code, Severity severity) {
  const std::string text = fmt::format("ShellCheck {} in a RUN script", code);
  const std::string url = shellcheck::wiki_url(code);
  return {{"id", code},
          {"shortDescription", {{"text", text}}},
          {"fullDescription", {{"text", text}}},
          {"defaultConfiguration", {{"level", level(severity)}}},
          {"help",
           {{"text", fmt::format("See {}", url)},
            {"markdown", fmt::format("See [{}]({}).", code, url)}}},
          {"helpUri", url},
          {"properties",
           {{"tags", ordered_json::array({"shellcheck"})},
            {"problem.severity", problem_severity(severity)}}}};
}

/// Location helpers for one run: relative paths under %SRCROOT%, others as absolute file URIs.
class Locator {
 public:
  explicit Locator(std::filesystem::path base) : base_(std::move(base)) {}
  const std::filesystem::path& base() const { return base_; }

  ordered_json artifact(std::string_view path) const {
    if (auto rel = relative_to(path, base_)) {
      return {{"uri", uri_encode_path(*rel)}, {"uriBaseId", kSrcRoot}};
    }
    std::filesystem::path p(path);
    std::error_code ec;
    if (p.is_relative()) p = std::filesystem::current_path(ec) / p;
    return {{"uri", file_uri(p.lexically_normal(), false)}};
  }

 private:
  std::filesystem::path base_;
};

ordered_json region(const SourceFile& source, TextRange range) {
  const Span s = locate(source, range);
  return {{"startLine", s.line},
          {"startColumn", s.column},
          {"endLine", s.end_line},
          {"endColumn", s.end_column}};
}

/// `"<key>": {startLine, startColumn, endLine, endColumn}` of `range`.
void write_region(JsonWriter& w, std::string_view key, const SourceFile& source, TextRange range) {
  const Span s = locate(source, range);
  w.key(key)
      .begin_object()
      .field("startLine", s.line)
      .field("startColumn", s.column)
      .field("endLine", s.end_line)
      .field("endColumn", s.end_column)
      .end_object();
}

void write_fix(JsonWriter& w, const Fix& fix, const JsonWriter::Prebuilt& artifact,
               const SourceFile& source) {
  w.begin_object();
  if (!fix.title.empty()) w.key("description").begin_object().field("text", fix.title).end_object();
  w.key("artifactChanges").begin_array().begin_object().field("artifactLocation", artifact);
  w.key("replacements").begin_array();
  for (const Edit& edit : fix.edits) {
    w.begin_object();
    write_region(w, "deletedRegion", source, edit.range);
    // No insertedContent means a pure deletion.
    if (!edit.replacement.empty()) {
      w.key("insertedContent").begin_object().field("text", edit.replacement).end_object();
    }
    w.end_object();
  }
  w.end_array().end_object().end_array();
  w.key("properties").begin_object().field("applicability", to_string(fix.applicability));
  w.end_object().end_object();
}

// Notification descriptors in driver.notifications, referenced by index.
constexpr size_t kInternalErrorNotification = 0;
constexpr size_t kIoErrorNotification = 1;

ordered_json notification_descriptor(std::string_view id, std::string_view text) {
  return {{"id", id},
          {"shortDescription", {{"text", text}}},
          {"defaultConfiguration", {{"level", "error"}}}};
}

ordered_json notification_descriptors() {
  ordered_json out = ordered_json::array();
  out.push_back(notification_descriptor(
      kInternalErrorCode, "A rule or the parser failed; the file's results are incomplete"));
  out.push_back(
      notification_descriptor(kIoErrorCode, "A file could not be read; it was not checked"));
  return out;
}

ordered_json notification(size_t index, std::string_view message, ordered_json location) {
  return {{"level", "error"},
          {"message", {{"text", message.empty() ? std::string_view("unknown error") : message}}},
          {"locations", ordered_json::array({std::move(location)})},
          {"descriptor",
           {{"id", index == kIoErrorNotification ? kIoErrorCode : kInternalErrorCode},
            {"index", index}}}};
}

}  // namespace

std::string render_sarif(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable table(options.rules);
  const Locator locator(base_directory(options));

  // driver.rules: every rule that ran, then codes that only show up in results. The rules and
  // the notifications come before the results in the document, so a first pass collects them;
  // the results, the bulk of a large report, are then streamed.
  ordered_json rules = ordered_json::array();
  std::unordered_map<std::string, size_t> rule_index;
  auto add_rule = [&](std::string_view id, const ordered_json& desc) {
    rule_index.emplace(std::string(id), rules.size());
    rules.push_back(desc);
  };
  for (const Rule* rule : options.rules) {
    if (rule != nullptr && !rule_index.contains(std::string(rule->info().id))) {
      add_rule(rule->info().id, descriptor(rule->info()));
    }
  }

  // toolExecutionNotifications must hold unique items; identical failures say nothing more.
  ordered_json notifications = ordered_json::array();
  std::unordered_set<std::string> seen_notifications;
  auto add_notification = [&](ordered_json n) {
    if (seen_notifications.insert(n.dump()).second) notifications.push_back(std::move(n));
  };
  auto location_of = [&](const ordered_json& artifact, const SourceFile& source, TextRange range) {
    return ordered_json{
        {"physicalLocation", {{"artifactLocation", artifact}, {"region", region(source, range)}}}};
  };
  std::vector<JsonWriter::Prebuilt> artifacts;  // each file's artifactLocation, dumped once
  artifacts.reserve(files.size());
  for (const FileReport& file : files) {
    const ordered_json artifact = locator.artifact(file.path);
    artifacts.push_back({artifact.dump(2, ' ', false, ordered_json::error_handler_t::replace)});
    if (file.error) {
      add_notification(notification(kIoErrorNotification, file.error->message,
                                    {{"physicalLocation", {{"artifactLocation", artifact}}}}));
    }
    for (const Diagnostic& d : file.diagnostics) {
      if (is_internal_error(d)) {
        add_notification(notification(kInternalErrorNotification, d.message,
                                      location_of(artifact, file.source, d.range)));
        continue;
      }
      const RuleInfo* info = table.find(d.code);
      const std::string_view id = info != nullptr ? std::string_view(info->id) : d.code;
      if (!rule_index.contains(std::string(id))) {
        add_rule(id, info != nullptr           ? descriptor(*info)
                     : shellcheck::is_code(id) ? shellcheck_descriptor(id, d.severity)
                                               : synthetic_descriptor(id, d.severity));
      }
    }
  }

  const std::string version = tool_version(options);
  ordered_json driver = {{"name", "dfopt"}, {"version", version}};
  if (is_semver(version)) driver["semanticVersion"] = version;
  driver["informationUri"] = kProjectUrl;
  driver["rules"] = std::move(rules);
  driver["notifications"] = notification_descriptors();

  ordered_json invocation = {{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  std::string out;
  JsonWriter w(out);
  w.begin_object().field("$schema", kSchemaUri).field("version", "2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().field("driver", driver).end_object();
  w.key("invocations").value(ordered_json::array({std::move(invocation)}));
  w.field("originalUriBaseIds",
          ordered_json{{kSrcRoot, {{"uri", file_uri(locator.base(), true)}}}});
  w.field("columnKind", "utf16CodeUnits");
  w.key("results").begin_array();
  for (size_t f = 0; f < files.size(); ++f) {
    const FileReport& file = files[f];
    const JsonWriter::Prebuilt& artifact = artifacts[f];
    const std::vector<Fingerprint> prints = fingerprints(file, table);
    for (size_t i = 0; i < file.diagnostics.size(); ++i) {
      const Diagnostic& d = file.diagnostics[i];
      if (is_internal_error(d)) continue;
      const RuleInfo* info = table.find(d.code);
      const std::string_view id = info != nullptr ? std::string_view(info->id) : d.code;
      w.begin_object()
          .field("ruleId", id)
          .field("ruleIndex", uint64_t{rule_index.at(std::string(id))})
          .field("level", level(d.severity));
      // GitHub requires a non-empty message.
      w.key("message")
          .begin_object()
          .field("text", d.message.empty() ? table.name(d.code) : std::string_view(d.message))
          .end_object();
      w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
      w.field("artifactLocation", artifact);
      write_region(w, "region", file.source, d.range);
      w.end_object().end_object().end_array();
      w.key("partialFingerprints")
          .begin_object()
          .field("primaryLocationLineHash",
                 fmt::format("{:016x}:{}", prints[i].hash, prints[i].occurrence))
          .end_object();
      // An empty artifactChanges makes GitHub reject the whole upload: only fixes with edits.
      if (has_edits(d.fix)) {
        w.key("fixes").begin_array();
        write_fix(w, *d.fix, artifact, file.source);
        w.end_array();
      }
      w.end_object();
    }
  }
  w.end_array().end_object().end_array().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace dfopt::detail
