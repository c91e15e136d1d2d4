#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/label_schema.h"
#include "rules/style/style_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3050"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
    {"strict-labels", "", "`true` or `false`; empty: the shared `strict-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF712",
    .name = "label-superfluous",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label not in the label schema (strict labels)",
    .docs = R"md(## What it does
With strict labels on (the `strict-labels` setting, or this rule's `strict-labels` option),
flags every `LABEL` key that the label schema does not list. With strict labels and an empty
schema, every label is flagged. Inactive while strict labels are off.

## Why is this bad?
Teams that standardise image metadata want exactly the agreed labels; anything else is a typo
of an agreed key or metadata nobody maintains.

## Example
With strict labels and the schema `org.opencontainers.image.source:url`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.sources="https://github.com/acme/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## References
- hadolint DL3050 (`--strict-labels`): the same check, on keys with quotes and escapes removed.
  The `LABEL` inside `ONBUILD` is not checked.
)md",
};

class LabelSuperfluous final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::label); }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto schema = labels::schema_for(file, kInfo);
    if (!schema->strict) return nullptr;
    return schema;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (!state) return;
    const auto& schema = static_cast<const labels::Schema&>(*state);
    for (const ast::KeyValue& kv : ref.instr.pairs) {
      const std::string key = style_util::unquote(kv.key.value, file.ast.escape);
      if (schema.type_of(key)) continue;
      out.report(kv.key.range, fmt::format("label '{}' is not in the label schema", key));
    }
  }
};

}  // namespace

const Rule& label_superfluous() {
  static const LabelSuperfluous rule;
  return rule;
}

}  // namespace dfopt::rules
