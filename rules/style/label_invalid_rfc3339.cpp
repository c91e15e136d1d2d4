#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3053"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF715",
    .name = "label-invalid-rfc3339",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `rfc3339` is not an RFC 3339 date-time",
    .docs = R"md(## What it does
For every label the label schema types as `rfc3339`, flags a `LABEL` value that is not an RFC 3339 date-time such as `2024-05-01T12:00:00Z`. Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `rfc3339`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.created:rfc3339`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01 12:00"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
```

## References
- hadolint DL3053: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with the `timerep` library's `parseTimeRFC3339`. The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_rfc3339() {
  static const labels::LabelValueRule rule(kInfo, "rfc3339", labels::valid_rfc3339,
                                           "an RFC 3339 date-time");
  return rule;
}

}  // namespace dfopt::rules
