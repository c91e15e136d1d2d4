#include <fmt/format.h>

#include <array>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"MultipleInstructionsDisallowed"};

constexpr RuleInfo kInfo{
    .id = "DF406",
    .name = "overridden-instruction",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`CMD`, `ENTRYPOINT` or `HEALTHCHECK` overridden later in the same stage",
    .docs = R"md(## What it does
Flags a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction of the same kind in the same
build stage overrides: the earlier, ignored one is reported. As in BuildKit, the `ONBUILD`
triggers of the stage a stage builds `FROM` run first in it (for stages the build reaches), so an
`ONBUILD CMD` that the child stage overrides is reported too.

This rule is off by default: `multiple-cmd` (DF403), `multiple-entrypoint` (DF404) and
`multiple-healthcheck` (DF405) report the same situations at the later instruction, as hadolint
does. Enable this one instead to match BuildKit's `docker build --check` and to get a fix.

## Why is this bad?
Only the last `CMD`, `ENTRYPOINT` and `HEALTHCHECK` of a stage end up in the image. The earlier
ones are dead code that a reader may take for the one in effect.

## Example
```dockerfile
FROM python:3.13-slim
CMD ["python", "-m", "http.server"]
COPY . /app
CMD ["python", "/app/main.py"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
COPY . /app
CMD ["python", "/app/main.py"]
```

## Fix safety
The fix deletes the overridden instruction (its whole lines). It is safe: the image config is the
same, because a later instruction of the same kind replaces the value, and an `ENTRYPOINT` clears
an inherited `CMD` whether or not an overridden `ENTRYPOINT` came before it. Only the image
history loses an empty-layer entry. No fix is offered for an overridden `ONBUILD` trigger.

## References
- BuildKit `MultipleInstructionsDisallowed`: the same check, reported at the earlier instruction.
- hadolint DL4003, DL4004, DL3012 and Trivy DS-0016, DS-0007, DS-0023 report the later
  instruction; see DF403, DF404 and DF405.
- https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/
)md",
};

// One earlier CMD, ENTRYPOINT or HEALTHCHECK of the current stage.
struct Seen {
  bool set = false;
  uint32_t instr = 0;    // top-level instruction; the ONBUILD itself for a trigger
  bool trigger = false;  // a parent stage's ONBUILD trigger run at the start of this stage
  TextRange keyword;     // the CMD/ENTRYPOINT/HEALTHCHECK keyword
};

struct State final : RuleState {
  std::array<Seen, 3> seen;
};

int slot(ast::InstrKind k) {
  switch (k) {
    case ast::InstrKind::cmd:
      return 0;
    case ast::InstrKind::entrypoint:
      return 1;
    case ast::InstrKind::healthcheck:
      return 2;
    default:
      return -1;
  }
}

class OverriddenInstruction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::cmd) |
           kind_bit(ast::InstrKind::entrypoint) | kind_bit(ast::InstrKind::healthcheck);
  }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.is(ast::InstrKind::from)) {
      st.seen = {};
      start_stage(file, ref.stage, st, out);
      return;
    }
    const int k = slot(ins.kind);
    if (k < 0) return;
    record(file, st.seen[k], Seen{true, ref.index, false, ins.keyword.range}, ins.kind, ref.stage,
           out);
  }

 private:
  // The parent's ONBUILD triggers run first in a stage that BuildKit dispatches with them.
  void start_stage(const FileContext& file, uint32_t stage, State& st, Reporter& out) const {
    const model::Model& m = file.model;
    if (stage == model::npos || stage >= m.stages().size()) return;
    const uint32_t parent = m.stage(stage).parent;
    if (parent == model::npos || !m.is_reachable(stage)) return;
    for (uint32_t onb : m.stage(parent).onbuild) {
      const ast::Instruction* inner = file.ast.instructions[onb].inner.get();
      if (!inner) continue;
      const int k = slot(inner->kind);
      if (k < 0) continue;
      record(file, st.seen[k], Seen{true, onb, true, inner->keyword.range}, inner->kind, stage,
             out);
    }
  }

  void record(const FileContext& file, Seen& earlier, const Seen& now, ast::InstrKind kind,
              uint32_t stage, Reporter& out) const {
    if (earlier.set) report(file, earlier, now, kind, stage, out);
    earlier = now;
  }

  void report(const FileContext& file, const Seen& earlier, const Seen& later, ast::InstrKind kind,
              uint32_t stage, Reporter& out) const {
    const std::string_view kw = ast::keyword_name(kind);
    const auto& instrs = file.ast.instructions;
    const std::string by =
        later.trigger
            ? fmt::format("the `{}` of the ONBUILD on line {}", kw, instrs[later.instr].start_line)
            : fmt::format("the `{}` on line {}", kw, instrs[later.instr].start_line);
    if (earlier.trigger) {
      out.report(earlier.keyword,
                 fmt::format("`{}` of this ONBUILD has no effect in {}: {} overrides it", kw,
                             runtime::stage_label(file.model, stage), by));
      return;
    }
    Fix fix;
    fix.title = fmt::format("Remove the overridden `{}`", kw);
    fix.applicability = Applicability::safe;
    fix.edits.push_back(
        {runtime::whole_lines(file.source.text(), instrs[earlier.instr].range), std::string()});
    out.report(earlier.keyword, fmt::format("`{}` has no effect: {} overrides it", kw, by),
               std::move(fix));
  }
};

}  // namespace

const Rule& overridden_instruction() {
  static const OverriddenInstruction rule;
  return rule;
}

}  // namespace dfopt::rules
