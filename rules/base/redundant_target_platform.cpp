#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/edits.h"
#include "rules/base/from_expansion.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"RedundantTargetPlatform"};

constexpr RuleInfo kInfo{
    .id = "DF505",
    .name = "redundant-target-platform",
    .category = Category::base,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`FROM --platform=$TARGETPLATFORM` is the default",
    .docs = R"md(## What it does
Flags `FROM --platform=<value>` when the value expands to the target platform and substitutes
only `TARGETPLATFORM`: `$TARGETPLATFORM`, `${TARGETPLATFORM}`, `"$TARGETPLATFORM"` or
`${TARGETPLATFORM:-linux/amd64}`.

## Why is this bad?
A stage is built for the target platform unless `--platform` says otherwise, so the flag repeats
the default and suggests to readers that something special happens. `--platform` is worth
writing when it differs from the default, typically `$BUILDPLATFORM` for stages that run build
tools.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```

## Fix safety
The fix deletes the flag and the blanks after it. It is safe when `TARGETPLATFORM` has its
predefined value. When a global `ARG TARGETPLATFORM=...` gives it a default, the flag selects
that platform rather than the target, and the fix is marked unsafe. One corner is not covered:
without the flag, BuildKit may build a stage for the base image's own platform when the image
does not exist for the target platform and the builder supports the image's platform.

## References
- BuildKit `RedundantTargetPlatform`: the same check.
- hadolint DL3065 accepts only the exact texts `$TARGETPLATFORM` and `${TARGETPLATFORM}`
  (see `redundant-target-platform-literal`); not an alias.
- https://docs.docker.com/reference/build-checks/redundant-target-platform/
)md",
};

class RedundantTargetPlatform final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Flag* flag = ref.instr.flag("platform");
    if (!flag || !flag->value || flag->value->empty()) return;
    Expansion e;
    if (detail::expand_from_word(file.model, *flag->value, e)) return;
    // reportRedundantTargetPlatform: TARGETPLATFORM is the only name substituted, nothing was
    // undefined, and the result is its value.
    if (e.matched.size() != 1 || e.matched[0] != "TARGETPLATFORM" || !e.unmatched.empty()) return;
    const model::VarValue tp = file.model.lookup_global("TARGETPLATFORM");
    if (e.value != tp.value) return;
    const Applicability applicability =
        tp.source == model::VarSource::predefined ? Applicability::safe : Applicability::unsafe;
    out.report(flag->range,
               fmt::format("'--platform={}' is redundant: stages build for the target platform "
                           "by default",
                           *flag->value),
               detail::remove_flag(file.source, *flag, "Remove `--platform`", applicability));
  }
};

}  // namespace

const Rule& redundant_target_platform() {
  static const RedundantTargetPlatform rule;
  return rule;
}

}  // namespace dfopt::rules
