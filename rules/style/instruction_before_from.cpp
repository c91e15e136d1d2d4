#include <fmt/format.h>

#include <algorithm>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3061"};

constexpr RuleInfo kInfo{
    .id = "DF707",
    .name = "instruction-before-from",
    .category = Category::style,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "instruction other than `ARG` before the first `FROM`",
    .docs = R"md(## What it does
Flags every instruction before the first `FROM` that is not an `ARG` (comments and parser
directives are not instructions). In a file without `FROM`, every instruction but `ARG` is
flagged. Unknown keywords are left to the syntax rules.

## Why is this bad?
Only global `ARG`s may precede the first `FROM`; BuildKit rejects anything else with "no build
stage in current context".

## Example
```dockerfile
ENV VERSION=1.2
FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV VERSION=1.2
```

## References
- hadolint DL3061: the same check.
- https://docs.docker.com/reference/dockerfile/#format
)md",
};

class InstructionBeforeFrom final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const auto& ins = file.ast.instructions;
    const uint32_t first =
        std::min<uint32_t>(file.model.first_from(), static_cast<uint32_t>(ins.size()));
    for (uint32_t i = 0; i < first; ++i) {
      // Unknown keywords (templates, typos) are the syntax rules' business.
      if (ins[i].kind == ast::InstrKind::arg || ins[i].kind == ast::InstrKind::from ||
          ins[i].kind == ast::InstrKind::unknown) {
        continue;
      }
      out.report(ins[i].keyword.range,
                 fmt::format("'{}' before the first `FROM`; only `ARG` may come before it",
                             ins[i].keyword.value));
    }
  }
};

}  // namespace

const Rule& instruction_before_from() {
  static const InstructionBeforeFrom rule;
  return rule;
}

}  // namespace dfopt::rules
