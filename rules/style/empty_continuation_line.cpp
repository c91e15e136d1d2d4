#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"NoEmptyContinuation"};

constexpr RuleInfo kInfo{
    .id = "DF705",
    .name = "empty-continuation-line",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "blank line inside a line continuation",
    .docs = R"md(## What it does
Flags an instruction continued over a blank line (a line that is empty or holds only blanks).
One finding per instruction, at its first blank line.

## Why is this bad?
BuildKit drops such lines, but the syntax is deprecated and slated to become an error. A blank
line also reads as the end of the instruction, so the lines after it look like a new one.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache \

    curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache \
    curl
```

## Fix safety
The fix deletes the blank lines. It is safe: BuildKit ignores them. Comment lines inside the
continuation are not blank and are kept.

## References
- BuildKit `NoEmptyContinuation` (reported by its parser for every instruction, including
  `ONBUILD` lines): the same check.
- https://docs.docker.com/reference/build-checks/no-empty-continuation/
)md",
};

class EmptyContinuationLine final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kAllKinds; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.empty_continuation_lines.empty()) return;
    const LineIndex& lines = file.source.lines();
    const auto size = static_cast<uint32_t>(file.source.text().size());
    Fix fix;
    fix.title = "Delete the empty continuation lines";
    fix.applicability = Applicability::safe;
    uint32_t last_line = 0;
    for (TextRange r : ins.empty_continuation_lines) {
      const uint32_t line = lines.line_of(r.begin);
      if (line == last_line) continue;
      last_line = line;
      const uint32_t begin = lines.line_start(line);
      const uint32_t end = line < lines.line_count() ? lines.line_start(line + 1) : size;
      fix.edits.push_back({TextRange{begin, end}, ""});
    }
    const size_t n = fix.edits.size();
    const TextRange first = ins.empty_continuation_lines.front();
    out.report(
        TextRange{first.begin, first.begin},
        n == 1
            ? fmt::format("empty continuation line in '{}' instruction", ins.keyword.value)
            : fmt::format("{} empty continuation lines in '{}' instruction", n, ins.keyword.value),
        std::move(fix));
  }
};

}  // namespace

const Rule& empty_continuation_line() {
  static const EmptyContinuationLine rule;
  return rule;
}

}  // namespace dfopt::rules
