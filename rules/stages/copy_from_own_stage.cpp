#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/suggest.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0006"};

constexpr RuleInfo kInfo{
    .id = "DF202",
    .name = "copy-from-own-stage",
    .category = Category::stages,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY --from` names the stage it is in",
    .docs = R"md(## What it does
Flags `COPY --from=<name>` inside the stage that is itself named `<name>` (`FROM ... AS <name>`),
comparing names case-insensitively as BuildKit does.

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
- Trivy DS-0006: the same check (case-insensitive, top-level `COPY` only).
- hadolint DL3023 is the case-sensitive variant (`--from=Build` in `AS build` passes there, but
  BuildKit lower-cases stage names and rejects it), so it is not an alias; see
  `copy-from-own-stage-literal` (DF208) for hadolint's check exactly.
- `COPY --from=<index>` naming the current stage by number is not flagged, as by both peers.
- https://docs.docker.com/build/building/multi-stage/
)md",
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return detail::ascii_lower(x) == detail::ascii_lower(y);
         });
}

class CopyFromOwnStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::copy); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.stage == model::npos) return;
    const ast::Instruction& from = file.ast.instructions[file.model.stage(ref.stage).from_instr];
    if (!from.from_name) return;
    const std::string_view name = from.from_name->value;
    // Trivy looks at every `--from=` flag (BuildKit would use the last one) and compares the
    // text up to a second '=' (it splits the flag on '=').
    for (const ast::Flag& f : ref.instr.flags) {
      if (f.name != "from" || !f.value) continue;
      const std::string_view v = std::string_view(*f.value).substr(0, f.value->find('='));
      if (!iequals(v, name)) continue;
      out.report(f.range, fmt::format("'--from={}' names the stage it is in ('{}', line {})",
                                      *f.value, name, from.start_line));
    }
  }
};

}  // namespace

const Rule& copy_from_own_stage() {
  static const CopyFromOwnStage rule;
  return rule;
}

}  // namespace dfopt::rules
