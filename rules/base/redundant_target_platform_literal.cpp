#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/edits.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3065"};

constexpr RuleInfo kInfo{
    .id = "DF509",
    .name = "redundant-target-platform-literal",
    .category = Category::base,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`FROM --platform` is written exactly `$TARGETPLATFORM`",
    .docs = R"md(## What it does
Flags `FROM --platform=$TARGETPLATFORM` and `FROM --platform=${TARGETPLATFORM}`, exactly as
written. Off by default: `redundant-target-platform` finds the same cases and the quoted or
defaulted spellings too; enable this one for hadolint's exact behaviour.

## Why is this bad?
A stage is built for the target platform unless `--platform` says otherwise, so the flag repeats
the default.

## Example
```dockerfile
FROM --platform=${TARGETPLATFORM} alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```

## Fix safety
The fix deletes the flag and the blanks after it. It is safe unless a global
`ARG TARGETPLATFORM=...` gives the variable a default, in which case the flag selects that
platform and the fix is marked unsafe.

## References
- hadolint DL3065: the same check.
- BuildKit `RedundantTargetPlatform` also catches `"$TARGETPLATFORM"` and
  `${TARGETPLATFORM:-...}` (see `redundant-target-platform`).
)md",
};

class RedundantTargetPlatformLiteral final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Flag* flag = ref.instr.flag("platform");
    if (!flag || !flag->value) return;
    const std::string_view raw = file.source.slice(flag->value_range);
    if (raw != "$TARGETPLATFORM" && raw != "${TARGETPLATFORM}") return;
    const bool predefined =
        file.model.lookup_global("TARGETPLATFORM").source == model::VarSource::predefined;
    out.report(flag->range,
               fmt::format("'--platform={}' is redundant: stages build for the target platform "
                           "by default",
                           raw),
               detail::remove_flag(file.source, *flag, "Remove `--platform`",
                                   predefined ? Applicability::safe : Applicability::unsafe));
  }
};

}  // namespace

const Rule& redundant_target_platform_literal() {
  static const RedundantTargetPlatformLiteral rule;
  return rule;
}

}  // namespace dfopt::rules
