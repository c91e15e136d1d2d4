#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3043"};

constexpr RuleInfo kInfo{
    .id = "DF706",
    .name = "onbuild-restricted-instruction",
    .category = Category::style,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ONBUILD` triggers `ONBUILD`, `FROM` or `MAINTAINER`",
    .docs = R"md(## What it does
Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.

## Why is this bad?
Docker does not allow these triggers: chaining `ONBUILD` is rejected, a trigger cannot start a
new stage, and `MAINTAINER` is not a valid trigger. Builds of images that inherit the trigger
fail, far away from the line that caused it.

## Example
```dockerfile
FROM alpine:3.20
ONBUILD FROM alpine:3.20
ONBUILD ONBUILD RUN echo hi
```

## Use instead
```dockerfile
FROM alpine:3.20
ONBUILD RUN echo hi
```

## References
- hadolint DL3043: the same check.
- https://docs.docker.com/reference/dockerfile/#onbuild
)md",
};

class OnbuildRestrictedInstruction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::onbuild); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction* inner = ref.instr.inner.get();
    if (!inner) return;
    if (inner->kind != ast::InstrKind::onbuild && inner->kind != ast::InstrKind::from &&
        inner->kind != ast::InstrKind::maintainer) {
      return;
    }
    out.report(inner->keyword.range,
               fmt::format("'{}' is not allowed as an `ONBUILD` trigger", inner->keyword.value));
  }
};

}  // namespace

const Rule& onbuild_restricted_instruction() {
  static const OnbuildRestrictedInstruction rule;
  return rule;
}

}  // namespace dfopt::rules
