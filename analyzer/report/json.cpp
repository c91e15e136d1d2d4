// `json`: the stable machine-readable contract documented in docs/output-formats.md.

#include "report/common.h"

namespace dfopt::detail {
namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json fix_json(const SourceFile& source, const Fix& fix) {
  ordered_json edits = ordered_json::array();
  for (const Edit& edit : fix.edits) {
    const Span span = locate(source, edit.range);
    edits.push_back({{"line", span.line},
                     {"column", span.column},
                     {"end_line", span.end_line},
                     {"end_column", span.end_column},
                     {"replacement", edit.replacement}});
  }
  return {{"title", fix.title},
          {"applicability", to_string(fix.applicability)},
          {"edits", std::move(edits)}};
}

}  // namespace

std::string render_json(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  ordered_json out_files = ordered_json::array();
  for (const FileReport& file : files) {
    ordered_json diagnostics = ordered_json::array();
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      diagnostics.push_back({{"rule", rules.id(d.code)},
                             {"name", rules.name(d.code)},
                             {"severity", to_string(d.severity)},
                             {"message", d.message},
                             {"line", span.line},
                             {"column", span.column},
                             {"end_line", span.end_line},
                             {"end_column", span.end_column},
                             {"fix", d.fix ? fix_json(file.source, *d.fix) : ordered_json()}});
    }
    ordered_json error;  // null unless the file could not be read
    if (file.error)
      error = {{"kind", to_string(file.error->kind)}, {"message", file.error->message}};
    out_files.push_back({{"path", file.path},
                         {"diagnostics", std::move(diagnostics)},
                         {"error", std::move(error)}});
  }
  const Counts c = count(files);
  ordered_json summary = {{"files", c.files},
                          {"problems", c.problems},
                          {"errors", c.by_severity[static_cast<size_t>(Severity::error)]},
                          {"warnings", c.by_severity[static_cast<size_t>(Severity::warning)]},
                          {"info", c.by_severity[static_cast<size_t>(Severity::info)]},
                          {"style", c.by_severity[static_cast<size_t>(Severity::style)]},
                          {"fixable", c.fixable},
                          {"unsafe_fixable", c.unsafe_fixable},
                          {"unreadable_files", c.unreadable},
                          {"internal_errors", c.internal_errors}};
  if (options.fixed) summary["fixed"] = *options.fixed;  // only after --fix
  return dump_json({{"files", std::move(out_files)}, {"summary", std::move(summary)}});
}

}  // namespace dfopt::detail
