// `github`: GitHub Actions workflow commands, shown as annotations on the run and the PR diff.

#include <fmt/format.h>

#include "report/common.h"

namespace dfopt::detail {
namespace {

/// Escapes workflow-command data (the message) as the Actions runner unescapes it.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

/// Escapes a property value, where ':' and ',' would end the value.
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += escape_data(std::string_view(&c, 1));
    }
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
    case Severity::style:
      return "notice";
  }
  return "notice";
}

}  // namespace

std::string render_github(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  const std::filesystem::path base = base_directory(options);
  std::string out;
  for (const FileReport& file : files) {
    const std::string path = escape_property(valid_utf8(repo_path(file.path, base)));
    if (file.error) {
      out += fmt::format("::error file={},title={}::{}\n", path,
                         escape_property(fmt::format("dfopt ({})", kIoErrorCode)),
                         escape_data(valid_utf8(file.error->message)));
    }
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      // Columns only mean something to GitHub when the annotation stays on one line.
      std::string where = fmt::format("line={}", span.line);
      if (span.end_line == span.line) {
        where += fmt::format(",col={},endLine={},endColumn={}", span.column, span.end_line,
                             span.end_column);
      } else {
        where += fmt::format(",endLine={}", span.end_line);
      }
      const std::string_view id = rules.id(d.code);
      const std::string_view name = rules.name(d.code);
      const std::string title =
          id == name ? fmt::format("dfopt ({})", id) : fmt::format("{} ({})", id, name);
      out += fmt::format("::{} file={},{},title={}::{}\n", command(d.severity), path, where,
                         escape_property(title), escape_data(valid_utf8(d.message)));
    }
  }
  return out;
}

}  // namespace dfopt::detail
