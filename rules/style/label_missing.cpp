#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/label_schema.h"
#include "rules/style/style_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3049"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF711",
    .name = "label-missing",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "stage does not set a label of the label schema",
    .docs = R"md(## What it does
For every label of the label schema, flags (at its `FROM`) each stage that neither sets the
label nor builds `FROM` an earlier stage that has it. Stages used as `COPY --from=<name>`
sources are not flagged: their labels never reach an image. Inactive unless a schema is
configured (the `required-labels` setting, or this rule's `required-labels` option).

## Why is this bad?
Required labels (source repository, version, license...) are how registries, scanners and
people find out what an image contains and where it came from.

## Example
With the schema `org.opencontainers.image.source:url`:
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM alpine:3.20
COPY --from=build /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
COPY --from=build /app /app
```

## References
- hadolint DL3049: the same check. Like hadolint, a stage is exempt once a `COPY --from` names
  it (by name, not by index), and an unnamed stage that sets the label also exempts the stage
  it builds on. dfopt finds the parent stage as BuildKit does (case-insensitively); hadolint
  compares the names as written. The `LABEL` inside `ONBUILD` does not count.
)md",
};

class LabelMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const auto schema = labels::schema_for(file, kInfo);
    if (schema->labels.empty()) return;
    const model::Model& m = file.model;
    const auto stages = m.stages();
    const size_t n = stages.size();
    if (n == 0) return;

    // Stages named by a COPY --from in the same or a later stage: only sources of files.
    std::vector<bool> copied(n, false);
    for (const model::StageDep& d : m.deps()) {
      if (d.kind != model::DepKind::copy_from || d.via_onbuild || d.by_index) continue;
      if (d.target != model::npos && d.target <= d.stage) copied[d.target] = true;
    }

    const auto& ins = file.ast.instructions;
    std::vector<bool> good(n), silenced(n);
    for (const auto& [label, type] : schema->labels) {
      for (size_t s = 0; s < n; ++s) {
        const model::Stage& st = stages[s];
        bool sets = false;
        for (uint32_t i = st.body_begin(); i < st.end_instr && !sets; ++i) {
          if (ins[i].kind != ast::InstrKind::label) continue;
          for (const ast::KeyValue& kv : ins[i].pairs) {
            if (style_util::unquote(kv.key.value, file.ast.escape) == label) {
              sets = true;
              break;
            }
          }
        }
        good[s] = sets || (st.parent != model::npos && good[st.parent]);
        silenced[s] = copied[s];
        // hadolint: an unnamed stage that sets the label exempts the stage named like its base.
        if (sets && st.name.empty() && st.parent != model::npos) silenced[st.parent] = true;
      }
      for (size_t s = 0; s < n; ++s) {
        if (good[s] || silenced[s]) continue;
        const model::Stage& st = stages[s];
        const std::string who =
            st.name.empty() ? fmt::format("stage {}", s) : fmt::format("stage '{}'", st.name);
        out.report(ins[st.from_instr].keyword.range,
                   fmt::format("{} does not set label '{}'", who, label));
      }
    }
  }
};

}  // namespace

const Rule& label_missing() {
  static const LabelMissing rule;
  return rule;
}

}  // namespace dfopt::rules
