#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/style_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"ConsistentInstructionCasing"};

constexpr RuleInfo kInfo{
    .id = "DF702",
    .name = "inconsistent-instruction-casing",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "instruction keyword is not in the case most instructions use",
    .docs = R"md(## What it does
Counts the instruction keywords of the build stages that are all lowercase and all uppercase,
then flags every keyword that is mixed case (`Run`) or not in the majority's case. On a tie the
majority is uppercase.

## Why is this bad?
Keywords are case-insensitive, so nothing breaks, but a file that mixes `RUN` and `run` is
harder to scan, and mixed-case keywords look like typos.

## Example
```dockerfile
FROM alpine:3.20
run apk add --no-cache curl
Copy app /app
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
COPY app /app
```

## Fix safety
The fix rewrites the keyword in the majority's case. It is safe: keywords are case-insensitive.

## References
- BuildKit `ConsistentInstructionCasing` (formerly `FileConsistentCommandCasing` and
  `SelfConsistentCommandCasing`): the same check. Like BuildKit, global `ARG`s before the first
  `FROM` are neither counted nor flagged, and the instruction inside `ONBUILD` is not looked at.
- https://docs.docker.com/reference/build-checks/consistent-instruction-casing/
)md",
};

enum class Casing { lower, upper, mixed };

Casing casing_of(std::string_view s) {
  bool lower = false, upper = false;
  for (char c : s) {
    lower = lower || style_util::is_lower(c);
    upper = upper || style_util::is_upper(c);
  }
  if (lower && upper) return Casing::mixed;
  return lower ? Casing::lower : Casing::upper;
}

class InconsistentInstructionCasing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    // BuildKit counts the FROM of every stage and the commands inside stages; global ARGs (meta
    // args) are kept apart by its instruction parser and never counted.
    const auto& ins = file.ast.instructions;
    const uint32_t first = file.model.first_from();
    size_t lower = 0, upper = 0;
    for (uint32_t i = first; i < ins.size(); ++i) {
      if (ins[i].kind == ast::InstrKind::unknown) continue;
      switch (casing_of(ins[i].keyword.value)) {
        case Casing::lower:
          ++lower;
          break;
        case Casing::upper:
          ++upper;
          break;
        case Casing::mixed:
          break;
      }
    }
    const bool majority_lower = lower > upper;
    for (uint32_t i = first; i < ins.size(); ++i) {
      const ast::Instruction& in = ins[i];
      if (in.kind == ast::InstrKind::unknown) continue;
      const Casing c = casing_of(in.keyword.value);
      if (c == (majority_lower ? Casing::lower : Casing::upper)) continue;
      const std::string_view want = majority_lower ? "lowercase" : "uppercase";
      std::string fixed = majority_lower ? style_util::to_lower(in.keyword.value)
                                         : style_util::to_upper(in.keyword.value);
      Fix fix;
      fix.title = fmt::format("Rewrite as `{}`", fixed);
      fix.applicability = Applicability::safe;
      fix.edits.push_back({in.keyword.range, std::move(fixed)});
      out.report(in.keyword.range,
                 fmt::format("instruction '{}' should be {} like the majority of instructions",
                             in.keyword.value, want),
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& inconsistent_instruction_casing() {
  static const InconsistentInstructionCasing rule;
  return rule;
}

}  // namespace dfopt::rules
