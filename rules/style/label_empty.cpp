#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/label_schema.h"
#include "rules/style/style_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3051"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF713",
    .name = "label-empty",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of the schema set to an empty value",
    .docs = R"md(## What it does
Flags a `LABEL` that sets a label of the label schema (any type) to the empty string. Inactive
unless a schema is configured (the `required-labels` setting, or this rule's
`required-labels` option).

## Why is this bad?
An empty value satisfies a "label is present" check while carrying no information; it usually
comes from a build argument that was not passed.

## Example
With the schema `org.opencontainers.image.version:semver`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version=""
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0"
```

## References
- hadolint DL3051: the same check on the value with quotes and escapes removed (a value that
  only holds `$VERSION` is not empty, since variables are not expanded). The `LABEL` inside
  `ONBUILD` is not checked.
)md",
};

class LabelEmpty final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::label); }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto schema = labels::schema_for(file, kInfo);
    if (schema->labels.empty()) return nullptr;
    return schema;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!state) return;
    const auto& schema = static_cast<const labels::Schema&>(*state);
    for (const ast::KeyValue& kv : ref.instr.pairs) {
      const std::string key = style_util::unquote(kv.key.value, file.ast.escape);
      if (!schema.type_of(key)) continue;
      if (kv.value && !style_util::unquote(kv.value->value, file.ast.escape).empty()) continue;
      out.report(kv.range, fmt::format("label '{}' is empty", key));
    }
  }
};

}  // namespace

const Rule& label_empty() {
  static const LabelEmpty rule;
  return rule;
}

}  // namespace dfopt::rules
