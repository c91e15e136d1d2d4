#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3052"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF714",
    .name = "label-invalid-url",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `url` is not a valid URL",
    .docs = R"md(## What it does
For every label the label schema types as `url`, flags a `LABEL` value that is not an absolute URI (RFC 3986: a scheme, `:`, then the rest of the URI). Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `url`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.source:url`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="github.com/acme/app"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## References
- hadolint DL3052: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with Network.URI's `parseURI`. The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_url() {
  static const labels::LabelValueRule rule(kInfo, "url", labels::valid_url, "a valid URL");
  return rule;
}

}  // namespace dfopt::rules
