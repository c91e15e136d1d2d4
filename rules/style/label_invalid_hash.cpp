#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3055"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF717",
    .name = "label-invalid-hash",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `hash` is not a Git commit hash",
    .docs = R"md(## What it does
For every label the label schema types as `hash`, flags a `LABEL` value that is not a short (7) or full (40 character) Git commit hash in lowercase hex. Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `hash`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.revision:hash`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="v1.2.3"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
```

## References
- hadolint DL3055: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with the same character test. The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_hash() {
  static const labels::LabelValueRule rule(kInfo, "hash", labels::valid_git_hash,
                                           "a Git commit hash");
  return rule;
}

}  // namespace dfopt::rules
