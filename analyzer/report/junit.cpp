// `junit`: JUnit XML for CI test reports: one testsuite per file, one failing testcase per
// finding, one passing testcase for a clean file.

#include <fmt/format.h>

#include "report/common.h"

namespace dfopt::detail {

std::string render_junit(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  std::string suites;
  size_t total_tests = 0, total_failures = 0, total_errors = 0;
  for (const FileReport& file : files) {
    const std::string path = xml_escape(file.path);
    std::string cases;
    size_t tests = 0, failures = 0, errors = 0;
    if (file.error) {
      ++tests;
      ++errors;
      cases += fmt::format(
          "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\">\n"
          "      <error message=\"{}\" type=\"{}\"/>\n"
          "    </testcase>\n",
          kIoErrorCode, path, path, xml_escape(file.error->message), kIoErrorCode);
    }
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      const std::string name = xml_escape(rules.name(d.code));
      const std::string message = xml_escape(d.message);
      // Internal errors are errors of the check itself, findings are failures.
      const bool internal = is_internal_error(d);
      ++tests;
      ++(internal ? errors : failures);
      cases += fmt::format(
          "    <testcase name=\"{} {} at {}:{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n"
          "      <{} message=\"{}\" type=\"{}\">{}:{}:{}: {}: {} [{}]</{}>\n"
          "    </testcase>\n",
          xml_escape(rules.id(d.code)), name, span.line, span.column, path, path, span.line,
          internal ? "error" : "failure", message, to_string(d.severity), path, span.line,
          span.column, to_string(d.severity), message, name, internal ? "error" : "failure");
    }
    if (tests == 0) {
      ++tests;
      cases +=
          fmt::format("    <testcase name=\"dfopt\" classname=\"{}\" file=\"{}\"/>\n", path, path);
    }
    suites += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">\n{}"
        "  </testsuite>\n",
        path, tests, failures, errors, cases);
    total_tests += tests;
    total_failures += failures;
    total_errors += errors;
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"dfopt\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
      total_tests, total_failures, total_errors, suites);
}

}  // namespace dfopt::detail
