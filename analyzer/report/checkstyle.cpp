// `checkstyle`: Checkstyle's XML report (version 4.3), read by Jenkins, reviewdog and others.

#include <fmt/format.h>

#include "report/common.h"

namespace dfopt::detail {
namespace {

std::string_view checkstyle_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
    case Severity::style:
      return "info";
  }
  return "info";
}

}  // namespace

std::string render_checkstyle(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const FileReport& file : files) {
    out += fmt::format("  <file name=\"{}\">\n", xml_escape(file.path));
    if (file.error) {
      // Checkstyle's DTD requires a line; the error is about the whole file.
      out +=
          fmt::format("    <error line=\"1\" severity=\"error\" message=\"{}\" source=\"{}\"/>\n",
                      xml_escape(file.error->message), kIoErrorCode);
    }
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      out += fmt::format(
          "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
          span.line, span.column, checkstyle_severity(d.severity), xml_escape(d.message),
          xml_escape(rules.id(d.code)));
    }
    out += "  </file>\n";
  }
  out += "</checkstyle>\n";
  return out;
}

}  // namespace dfopt::detail
