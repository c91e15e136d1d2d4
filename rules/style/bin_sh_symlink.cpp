#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4005"};

constexpr RuleInfo kInfo{
    .id = "DF723",
    .name = "bin-sh-symlink",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ln` over `/bin/sh` to change the shell of `RUN`",
    .docs = R"md(## What it does
Flags an `ln` command with an argument that is exactly `/bin/sh` (after quote removal) in a
`RUN`, including one inside `ONBUILD`: typically `ln -sf /bin/bash /bin/sh`. Commands are found
after `&&`, `||` or `;`, in pipelines, subshells, `$(...)` and the body of `RUN <<EOF`, but not
inside `sh -c "..."` strings.

## Why is this bad?
Replacing `/bin/sh` changes the shell of every program in the image that runs `sh`, including
package-manager scripts and the entrypoints of derived images, which expect the distribution's
POSIX shell. The `SHELL` instruction changes only the shell that the Dockerfile's shell-form
instructions use, and says so where the reader looks.

## Example
```dockerfile
FROM ubuntu:24.04
RUN ln -sf /bin/bash /bin/sh
RUN source /opt/env.sh && make
```

## Use instead
```dockerfile
FROM ubuntu:24.04
SHELL ["/bin/bash", "-c"]
RUN source /opt/env.sh && make
```

## References
- hadolint DL4005: the same check.
- https://docs.docker.com/reference/dockerfile/#shell
)md",
};

class BinShSymlink final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const hadolint::PresentCommand& c : hadolint::present_commands(*script)) {
      if (!c.is("ln")) continue;
      const pkg::HadolintArgs args(*c.cmd);
      const uint32_t at = args.find_arg("/bin/sh");
      if (at == shell::npos) continue;
      out.report(pkg::command_through(*c.cmd, c.cmd->argv[at]),
                 "`ln` replaces `/bin/sh` for every program in the image; use the `SHELL` "
                 "instruction to change the shell of `RUN`");
    }
  }
};

}  // namespace

const Rule& bin_sh_symlink() {
  static const BinShSymlink rule;
  return rule;
}

}  // namespace dfopt::rules
