#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3023"};

constexpr RuleInfo kInfo{
    .id = "DF208",
    .name = "copy-from-own-stage-literal",
    .category = Category::stages,
    .severity = Severity::error,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY --from` is exactly the name of the stage it is in",
    .docs = R"md(## What it does
Flags `COPY --from=<name>` where `<name>`, exactly as written (same case, quotes kept), is the
name given to the current stage by `FROM ... AS <name>`. A `COPY` inside `ONBUILD` and a `COPY`
with several `--from` flags are not checked.

This rule is off by default: `copy-from-own-stage` (DF202) reports these cases and also the ones
that differ only in case, which BuildKit rejects as well. Enable this one to mirror hadolint
exactly.

## Why is this bad?
A stage cannot copy from itself: BuildKit stops with "circular dependency detected on stage".
Usually the `--from` was meant to name the stage before, or the `COPY` was pasted into the wrong
stage.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .
COPY --from=build /out/app /usr/local/bin/app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
```

## References
- hadolint DL3023: the same check (the flag's text compared with the stage alias as written).
- `copy-from-own-stage` (DF202) compares names case-insensitively, as BuildKit does, and mirrors
  Trivy DS-0006.
- https://docs.docker.com/build/building/multi-stage/
)md",
};

class CopyFromOwnStageLiteral final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::copy); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.stage == model::npos) return;
    const ast::Instruction& from = file.ast.instructions[file.model.stage(ref.stage).from_instr];
    if (!from.from_name) return;
    const ast::Flag* flag = nullptr;
    for (const ast::Flag& f : ref.instr.flags) {
      if (f.name != "from") continue;
      // hadolint's parser rejects a repeated `--from`, so none of its rules sees the COPY.
      if (flag) return;
      flag = &f;
    }
    if (!flag || !flag->value) return;
    // hadolint reads the flag value verbatim up to the next blank: quotes stay part of it.
    const std::string_view value = file.source.slice(flag->value_range);
    if (value != from.from_name->value) return;
    out.report(flag->range, fmt::format("'--from={}' names the stage it is in (line {})", value,
                                        from.start_line));
  }
};

}  // namespace

const Rule& copy_from_own_stage_literal() {
  static const CopyFromOwnStageLiteral rule;
  return rule;
}

}  // namespace dfopt::rules
