#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0030"};

constexpr RuleInfo kInfo{
    .id = "DF803",
    .name = "workdir-system-directory",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`WORKDIR` inside a system directory",
    .docs = R"md(## What it does
Flags a `WORKDIR` whose path, with surrounding double quotes trimmed, starts with `/proc/`,
`/boot/`, `/dev/`, `/initrd/` or `/lost+found/`.

## Why is this bad?
These directories belong to the kernel and the container runtime: `/proc` and `/dev` are
replaced by mounts when the container starts, so files written there during the build vanish,
and working inside them invites container-breakout style mistakes.

## Example
```dockerfile
FROM alpine:3.20
WORKDIR /proc/app
```

## Use instead
```dockerfile
FROM alpine:3.20
WORKDIR /opt/app
```

## References
- Trivy DS-0030: the same check (the path as written, variables not expanded; `/proc` itself,
  without the trailing slash, passes).
- https://avd.aquasec.com/misconfig/ds030
)md",
};

class WorkdirSystemDirectory final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::workdir); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.args.empty()) return;
    std::string_view path = ins.args[0].value;
    while (!path.empty() && path.front() == '"') path.remove_prefix(1);
    while (!path.empty() && path.back() == '"') path.remove_suffix(1);
    for (std::string_view dir : {"/proc/", "/boot/", "/dev/", "/initrd/", "/lost+found/"}) {
      if (path.starts_with(dir)) {
        out.report(ins.args[0].range,
                   fmt::format("WORKDIR '{}' is inside the system directory '{}'", path, dir));
        return;
      }
    }
  }
};

}  // namespace

const Rule& workdir_system_directory() {
  static const WorkdirSystemDirectory rule;
  return rule;
}

}  // namespace dfopt::rules
