#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/variables/var_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3000"};

constexpr RuleInfo kInfo{
    .id = "DF801",
    .name = "relative-workdir",
    .category = Category::variables,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`WORKDIR` with a relative path",
    .docs = R"md(## What it does
Flags every `WORKDIR` whose path, with surrounding quotes dropped, does not start with `/`, a
variable (`$`) or a Windows drive (`C:`).

## Why is this bad?
A relative `WORKDIR` is resolved against the working directory in effect, which may come from
the base image and change when the base image does. An absolute path says where files go.

## Example
```dockerfile
FROM node:20
WORKDIR app
```

## Use instead
```dockerfile
FROM node:20
WORKDIR /app
```

## Fix safety
When the resolved directory is known (the stage chain starts from `scratch`, or an earlier
`WORKDIR` is absolute) and the path is plain text, the fix writes the absolute path the build
resolves it to. It is safe: the working directory is the same.

## References
- hadolint DL3000: the same check (every `WORKDIR`, not only the first; a path starting with a
  variable passes unexpanded). BuildKit `WorkdirRelativePath` flags only the first relative
  `WORKDIR` of a stage chain, after expansion: see `workdir-relative-path` (DF802). Trivy
  DS-0009 and Checkov CKV_DOCKER_10 accept a slightly different set of prefixes (a leading `"`
  only, `X:\` only) and are not aliased.
- https://docs.docker.com/build/building/best-practices/#workdir
)md",
};

class RelativeWorkdir final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::workdir); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.args.empty()) return;
    const std::string_view path = var_util::drop_quotes(ins.args[0].value);
    if (path.empty() || path.front() == '/' || path.front() == '$') return;
    if (path.size() >= 2 && var_util::is_ascii_letter(path[0]) && path[1] == ':') return;
    out.report(ins.args[0].range,
               fmt::format("relative WORKDIR '{}'; use an absolute path", ins.args[0].value),
               var_util::absolute_workdir_fix(file, ref));
  }
};

}  // namespace

const Rule& relative_workdir() {
  static const RelativeWorkdir rule;
  return rule;
}

}  // namespace dfopt::rules
