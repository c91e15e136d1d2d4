#include "dfopt/rule.h"
#include "rules/style/label_schema.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3054"};

constexpr RuleOption kOptions[] = {
    {labels::kRequiredLabelsOption, "",
     "label schema as `name:type,...` (types: text, url, semver, hash, rfc3339, spdx, email); "
     "empty: the shared `required-labels` setting"},
};

constexpr RuleInfo kInfo{
    .id = "DF716",
    .name = "label-invalid-spdx",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "label of schema type `spdx` is not an SPDX license identifier",
    .docs = R"md(## What it does
For every label the label schema types as `spdx`, flags a `LABEL` value that is not a single SPDX license identifier (case-sensitive; license expressions such as `MIT OR Apache-2.0` are not accepted, as in hadolint). Inactive
unless the schema (the `required-labels` setting, or this rule's `required-labels` option) has a
label of type `spdx`.

## Why is this bad?
Registries, scanners and deployment tooling parse well-known labels; a value in the wrong
format is silently ignored or breaks the tool that reads it.

## Example
With the schema `org.opencontainers.image.licenses:spdx`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache 2"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0"
```

## References
- hadolint DL3054: the same check on the value with quotes and escapes removed (variables are
  not expanded). hadolint validates with Cabal's SPDX `LicenseId` parser; dfopt's list (current and deprecated IDs) comes from the SPDX License List via `rules/style/spdx_ids.inc`, so a newer or older list version may differ on a few IDs. The `LABEL` inside `ONBUILD` is not checked.
- https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

}  // namespace

const Rule& label_invalid_spdx() {
  static const labels::LabelValueRule rule(kInfo, "spdx", labels::valid_spdx,
                                           "an SPDX license identifier");
  return rule;
}

}  // namespace dfopt::rules
