#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"FromAsCasing"};

constexpr RuleInfo kInfo{
    .id = "DF206",
    .name = "from-as-casing",
    .category = Category::stages,
    .severity = Severity::style,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "the `AS` keyword's case differs from `FROM`'s",
    .docs = R"md(## What it does
Flags the `AS` of `FROM <image> AS <name>` when its case does not match the `FROM` keyword:
`FROM alpine as build` or `from alpine AS build`. A `FROM` keyword in mixed case (`From`) is left
to instruction-casing checks.

## Why is this bad?
Both spellings work, but mixing them in one line reads as a mistake and makes the file harder to
scan and to search.

## Example
```dockerfile
FROM golang:1.22 as build
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
```

## Fix safety
The fix rewrites the `AS` keyword in the case of `FROM`. Keywords are case-insensitive, so it is
safe.

## References
- BuildKit `FromAsCasing`: the same check.
- https://docs.docker.com/reference/build-checks/from-as-casing/
)md",
};

bool all_lower(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}
bool all_upper(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

class FromAsCasing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    // BuildKit's doesFromCaseMatchAsCase: at least three arguments, the second one is `AS`.
    if (ins.args.size() < 3 || !ins.from_as) return;
    const std::string_view kw = ins.keyword.value;
    const std::string_view as = ins.from_as->value;
    const bool lower = all_lower(kw);
    if (!lower && !all_upper(kw)) return;
    if (lower ? all_lower(as) : all_upper(as)) return;
    const std::string wanted = lower ? "as" : "AS";
    std::optional<Fix> fix;
    if (file.source.slice(ins.from_as->range) == as) {
      fix = Fix{
          fmt::format("Write `{}`", wanted), {{ins.from_as->range, wanted}}, Applicability::safe};
    }
    out.report(ins.from_as->range,
               fmt::format("'{}' does not match the case of '{}'; write '{}'", as, kw, wanted),
               std::move(fix));
  }
};

}  // namespace

const Rule& from_as_casing() {
  static const FromAsCasing rule;
  return rule;
}

}  // namespace dfopt::rules
