#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3035"};

constexpr RuleInfo kInfo{
    .id = "DF624",
    .name = "zypper-dist-upgrade",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`zypper dist-upgrade` in a `RUN`",
    .docs = R"md(## What it does
Flags a `zypper` command in a `RUN` (also inside `ONBUILD`) with a `dist-upgrade` or `dup`
argument. The command must be literally `zypper`, and the scripts of `sh -c "..."` strings are
not read, as in hadolint.

## Why is this bad?
`zypper dist-upgrade` upgrades every package of the base image to whatever the repositories hold
on the day of the build, possibly to a new distribution release. The result depends on the day
of the build rather than on the Dockerfile, the layer repeats most of the base image, and a
rolling upgrade may change vendors or remove packages without asking. An up-to-date base image
gives the same fixes reproducibly.

## Example
```dockerfile
FROM opensuse/leap:15.5
RUN zypper -n dist-upgrade && zypper -n install curl && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```

## References
- hadolint DL3035: the same check.
- https://en.opensuse.org/SDB:Zypper_manual
)md",
};

class ZypperDistUpgrade final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (script == nullptr) return;
    for (const shell::Command* c : pkg::hadolint_commands(*script, "zypper")) {
      const pkg::HadolintArgs args(*c);
      uint32_t sub = args.find_arg("dist-upgrade");
      if (sub == shell::npos) sub = args.find_arg("dup");
      if (sub == shell::npos) continue;
      out.report(pkg::command_through(*c, c->argv[sub]),
                 fmt::format("`zypper {}` upgrades every package of the base image; use a newer "
                             "base image instead",
                             args.text(sub)));
    }
  }
};

}  // namespace

const Rule& zypper_dist_upgrade() {
  static const ZypperDistUpgrade rule;
  return rule;
}

}  // namespace dfopt::rules
