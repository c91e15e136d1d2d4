// `gitlab`: a GitLab Code Quality report (a subset of the Code Climate issue format).

#include <fmt/format.h>

#include "report/common.h"

namespace dfopt::detail {
namespace {

/// GitLab's five levels. A syntax error stops the build, so it blocks; otherwise each dfopt
/// severity gets its own level, one step below the next.
std::string_view gitlab_severity(const Diagnostic& d, std::string_view rule_id) {
  if (rule_id == kSyntaxErrorId) return "blocker";
  switch (d.severity) {
    case Severity::error:
      return "critical";
    case Severity::warning:
      return "major";
    case Severity::info:
      return "minor";
    case Severity::style:
      return "info";
  }
  return "info";
}

}  // namespace

std::string render_gitlab(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  const std::filesystem::path base = base_directory(options);
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const FileReport& file : files) {
    // GitLab compares fingerprints across the whole report, so the path is part of them.
    const std::string path = repo_path(file.path, base);
    const std::vector<Fingerprint> prints = fingerprints(file, rules);
    for (size_t i = 0; i < file.diagnostics.size(); ++i) {
      const Diagnostic& d = file.diagnostics[i];
      if (is_internal_error(d)) continue;  // not a code quality issue; the exit status says it
      std::string identity = path;
      identity.push_back('\0');
      identity += fmt::format("{:016x}:{}", prints[i].hash, prints[i].occurrence);
      issues.push_back(
          {{"type", "issue"},
           {"check_name", rules.id(d.code)},
           {"description", fmt::format("{} [{}]", d.message, rules.name(d.code))},
           {"severity", gitlab_severity(d, rules.id(d.code))},
           {"fingerprint", fmt::format("{:016x}", fnv1a64(identity))},
           {"location",
            {{"path", path}, {"lines", {{"begin", locate(file.source, d.range).line}}}}}});
    }
  }
  return dump_json(issues);
}

}  // namespace dfopt::detail
