#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3034"};
constexpr std::string_view kSubcommands[] = {"install",        "in", "remove", "rm",
                                             "source-install", "si", "patch"};

constexpr RuleInfo kInfo{
    .id = "DF623",
    .name = "zypper-without-non-interactive",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`zypper install` (or `remove`, `patch`...) without `-n`",
    .docs = R"md(## What it does
Flags a `zypper` command in a `RUN` (also inside `ONBUILD`) that has an `install`, `in`,
`remove`, `rm`, `source-install`, `si` or `patch` argument and none of the flags `-n`,
`--non-interactive`, `-y` or `--no-confirm` (also inside a cluster such as `-qn`).

Commands are read as hadolint reads them: the command must be literally `zypper`, the
subcommand may be any of its arguments, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without them `zypper` asks "Continue? [y/n/v/...? shows all options] (y)" before it changes
anything. A build has no terminal to answer, so `zypper` aborts and the build fails (or, with a
TTY attached, hangs).

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```

## Fix safety
The fix adds the global option `-n` (`--non-interactive`) right after `zypper`, before the
subcommand: after `install`, `-n` would mean `--name`. It is safe: the prompts it answers with
their default would otherwise make the build fail.

## References
- hadolint DL3034: the same check. Like hadolint, it accepts the flags anywhere, so it also
  accepts `zypper install -n curl`, where `-n` is `install`'s `--name` and the command still
  prompts.
- https://en.opensuse.org/SDB:Zypper_manual
)md",
};

class ZypperWithoutNonInteractive final : public Rule {
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
      uint32_t sub = 1;
      while (sub < args.size() && std::find(std::begin(kSubcommands), std::end(kSubcommands),
                                            args.text(sub)) == std::end(kSubcommands)) {
        ++sub;
      }
      if (sub == args.size() || args.has_any_flag({"non-interactive", "n", "no-confirm", "y"})) {
        continue;
      }
      Fix fix;
      fix.title = "Add `-n` after `zypper`";
      fix.edits.push_back(rpm::insert_after(file.source, *c, c->argv.front(), "-n"));
      out.report(pkg::command_through(*c, c->argv[sub]),
                 fmt::format("`zypper {}` without `-n` asks for a confirmation that the build "
                             "cannot give",
                             args.text(sub)),
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& zypper_without_non_interactive() {
  static const ZypperWithoutNonInteractive rule;
  return rule;
}

}  // namespace dfopt::rules
