// `json`: the stable machine-readable contract documented in docs/output-formats.md.

#include "report/common.h"
#include "report/json_writer.h"

namespace dfopt::detail {
namespace {

void write_fix(JsonWriter& w, const SourceFile& source, const Fix& fix) {
  w.begin_object().field("title", fix.title).field("applicability", to_string(fix.applicability));
  w.key("edits").begin_array();
  for (const Edit& edit : fix.edits) {
    const Span span = locate(source, edit.range);
    w.begin_object()
        .field("line", span.line)
        .field("column", span.column)
        .field("end_line", span.end_line)
        .field("end_column", span.end_column)
        .field("replacement", edit.replacement)
        .end_object();
  }
  w.end_array().end_object();
}

}  // namespace

std::string render_json(std::span<const FileReport> files, const RenderOptions& options) {
  const RuleTable rules(options.rules);
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("files").begin_array();
  for (const FileReport& file : files) {
    w.begin_object().field("path", file.path).key("diagnostics").begin_array();
    for (const Diagnostic& d : file.diagnostics) {
      const Span span = locate(file.source, d.range);
      w.begin_object()
          .field("rule", rules.id(d.code))
          .field("name", rules.name(d.code))
          .field("severity", to_string(d.severity))
          .field("message", d.message)
          .field("line", span.line)
          .field("column", span.column)
          .field("end_line", span.end_line)
          .field("end_column", span.end_column)
          .key("fix");
      if (d.fix) {
        write_fix(w, file.source, *d.fix);
      } else {
        w.null();
      }
      w.end_object();
    }
    w.end_array().key("error");
    if (file.error) {  // null unless the file could not be read
      w.begin_object()
          .field("kind", to_string(file.error->kind))
          .field("message", file.error->message)
          .end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  const Counts c = count(files);
  w.key("summary")
      .begin_object()
      .field("files", uint64_t{c.files})
      .field("problems", uint64_t{c.problems})
      .field("errors", uint64_t{c.by_severity[static_cast<size_t>(Severity::error)]})
      .field("warnings", uint64_t{c.by_severity[static_cast<size_t>(Severity::warning)]})
      .field("info", uint64_t{c.by_severity[static_cast<size_t>(Severity::info)]})
      .field("style", uint64_t{c.by_severity[static_cast<size_t>(Severity::style)]})
      .field("fixable", uint64_t{c.fixable})
      .field("unsafe_fixable", uint64_t{c.unsafe_fixable})
      .field("unreadable_files", uint64_t{c.unreadable})
      .field("internal_errors", uint64_t{c.internal_errors});
  if (options.fixed) w.field("fixed", uint64_t{*options.fixed});  // only after --fix
  w.end_object().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace dfopt::detail
