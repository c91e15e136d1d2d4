#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3058"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF719",
    .name = "label-invalid-email",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `email` is not a valid email address",
    .docs = R"md(## What it does
For every label the label schema types as `email`, flags a `LABEL` value that is not an RFC 5322 address (`local@domain`, no display name). Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `email`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.authors:email`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="jane@example.com"
```

## References
- hadolint DL3058: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with the `email-validate` library (which also accepts comments and folding white space that dfopt rejects). The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_email() {
  static const labels::LabelValueRule rule(kInfo, "email", labels::valid_email,
                                           "a valid email address");
  return rule;
}

}  // namespace dfopt::rules
