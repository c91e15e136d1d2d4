#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3029"};

constexpr RuleInfo kInfo{
    .id = "DF504",
    .name = "from-platform-flag",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`FROM --platform` mentions neither `BUILDPLATFORM` nor `TARGETPLATFORM`",
    .docs = R"md(## What it does
Flags `FROM --platform=<value>` when the value, as written, contains neither `BUILDPLATFORM` nor
`TARGETPLATFORM`: a constant such as `linux/amd64`, but also `$BUILDOS/$BUILDARCH` or
`linux/$TARGETARCH`. Off by default; `from-platform-constant` covers the constant case with fewer
false alarms.

## Why is this bad?
A `--platform` that does not follow the build or the target platform pins the stage to something
else than what `docker buildx build --platform` asks for, which breaks multi-platform builds in
subtle ways. This rule is the strict form: only the two platform arguments are accepted.

## Example
```dockerfile
FROM --platform=linux/amd64 golang:1.22 AS build
```

## Use instead
```dockerfile
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
```

## References
- hadolint DL3029: the same check (a substring test on the flag's text, quotes included).
- BuildKit `FromPlatformFlagConstDisallowed` flags constants only and accepts a stage named
  after the platform (see `from-platform-constant`).
)md",
};

class FromPlatformFlag final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Flag* flag = ref.instr.flag("platform");
    if (!flag || !flag->value) return;
    // hadolint's parser keeps the value as written, quotes and all.
    const std::string_view raw = file.source.slice(flag->value_range);
    if (raw.empty()) return;
    if (raw.find("BUILDPLATFORM") != std::string_view::npos ||
        raw.find("TARGETPLATFORM") != std::string_view::npos) {
      return;
    }
    out.report(flag->range,
               fmt::format("'--platform={}' uses neither $BUILDPLATFORM nor $TARGETPLATFORM", raw));
  }
};

}  // namespace

const Rule& from_platform_flag() {
  static const FromPlatformFlag rule;
  return rule;
}

}  // namespace dfopt::rules
