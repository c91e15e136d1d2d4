#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/variables/var_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"WorkdirRelativePath"};

constexpr RuleInfo kInfo{
    .id = "DF802",
    .name = "workdir-relative-path",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "first `WORKDIR` of a stage chain is relative",
    .docs = R"md(## What it does
Flags the first `WORKDIR` of a stage when it is relative after variable expansion and no
`WORKDIR` was set earlier in the stage or in the stages it builds `FROM` in this file. Later
relative `WORKDIR`s are not flagged: they resolve against one set in the file.

## Why is this bad?
The working directory before the first `WORKDIR` is the base image's, which can change from one
image version to the next; a relative path then lands somewhere else.

## Example
```dockerfile
FROM python:3.12
WORKDIR src/app
```

## Use instead
```dockerfile
FROM python:3.12
WORKDIR /src/app
```

## Fix safety
In a stage chain that starts from `scratch` the base working directory is `/`, so the fix can
write the absolute path; it is safe. Elsewhere there is no fix.

## References
- BuildKit `WorkdirRelativePath`: the same check (the path is tested after expansion with the
  default build arguments; the `WORKDIR` inside `ONBUILD` is not checked).
- hadolint DL3000 flags every relative `WORKDIR` before expansion: see `relative-workdir`
  (DF801).
- https://docs.docker.com/reference/build-checks/workdir-relative-path/
)md",
};

class WorkdirRelativePath final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::workdir); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    const model::Model& m = file.model;
    if (ins.args.empty() || ref.stage == model::npos) return;
    // BuildKit's workdirSet: any WORKDIR earlier in the stage or its parent stages.
    if (m.workdir_setting_at(ref.index) != nullptr) return;
    // system.IsAbs on Windows accepts drive paths; dfopt only models Linux paths.
    if (m.stage(ref.stage).platform.starts_with("windows")) return;
    const std::string path = m.expand(ref.index, ins.args[0].value).value;
    if (path.empty() || path.front() == '/') return;
    out.report(
        ins.args[0].range,
        fmt::format("relative WORKDIR '{}' depends on the base image's working directory", path),
        var_util::absolute_workdir_fix(file, ref));
  }
};

}  // namespace

const Rule& workdir_relative_path() {
  static const WorkdirRelativePath rule;
  return rule;
}

}  // namespace dfopt::rules
