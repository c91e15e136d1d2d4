#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleOption kOptions[] = {
    {"include-named", "false",
     "also report named stages (by default they are taken as targets for `--target`)"},
};

constexpr RuleInfo kInfo{
    .id = "DF213",
    .name = "unused-stage",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = kOptions,
    .summary = "a stage that the target stage never uses",
    .docs = R"md(## What it does
Flags a stage that the target stage (the last one) does not need: it is not the target, no stage
on the target's `FROM` chain is built from it, and nothing the target needs copies from it
(`COPY --from`) or mounts it (`RUN --mount=from=`), directly or through other stages. Only stages
without an `AS` name are reported by default, since a named stage may be built on its own with
`docker build --target`; set `include-named = true` to report those too.

## Why is this bad?
BuildKit builds only the stages the target needs, so an unused stage is dead code: it is never
built or tested, goes stale, and misleads readers into thinking its steps reach the image. The
legacy builder does build it, which wastes time.

## Example
```dockerfile
FROM golang:1.22
RUN go build -o /out/app .

FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /app
```

## References
- No peer linter has this check.
- https://docs.docker.com/build/building/multi-stage/#differences-between-legacy-builder-and-buildkit
)md",
};

class UnusedStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& model = file.model;
    const uint32_t target = model.target_stage();
    if (target == model::npos) return;
    const bool include_named = file.option(kInfo, "include-named") == "true";
    for (const model::Stage& s : model.stages()) {
      if (model.is_reachable(s.index)) continue;
      if (!s.name.empty() && !include_named) continue;
      const ast::Instruction& from = file.ast.instructions[s.from_instr];
      const TextRange range = from.from_name     ? from.from_name->range
                              : from.from_image ? from.from_image->range
                                                : from.keyword.range;
      const model::Stage& t = model.stage(target);
      out.report(range, fmt::format("stage {} is never used by the target stage {}",
                                    s.name.empty() ? fmt::format("#{}", s.index)
                                                   : fmt::format("'{}'", s.name),
                                    t.name.empty() ? fmt::format("#{}", t.index)
                                                   : fmt::format("'{}'", t.name)));
    }
  }
};

}  // namespace

const Rule& unused_stage() {
  static const UnusedStage rule;
  return rule;
}

}  // namespace dfopt::rules
