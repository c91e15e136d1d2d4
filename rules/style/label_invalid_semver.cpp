#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3056"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF718",
    .name = "label-invalid-semver",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `semver` is not a semantic version",
    .docs = R"md(## What it does
For every label the label schema types as `semver`, flags a `LABEL` value that is not a semantic version (`MAJOR.MINOR.PATCH[-pre.release][+build]`, no leading zeros, no `v` prefix). Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `semver`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.version:semver`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```

## References
- hadolint DL3056: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with the `semver` library's `fromText`. The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_semver() {
  static const labels::LabelValueRule rule(kInfo, "semver", labels::valid_semver,
                                           "a semantic version");
  return rule;
}

}  // namespace dfopt::rules
