#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3004"};

constexpr RuleInfo kInfo{
    .id = "DF309",
    .name = "sudo-in-run",
    .category = Category::security,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`sudo` in `RUN`",
    .docs = R"md(## What it does
Flags every command named `sudo` in a `RUN` (and in `ONBUILD RUN`), wherever it appears in the
script: after `&&`, `;` or `||`, in a pipeline, a subshell or a `$(...)` substitution, in a `RUN`
heredoc, or as the first element of an exec-form `RUN`. As in hadolint, the command name is the
literal first word, or the word after `exec`, `command`, `builtin` or `busybox` (`exec sudo x`);
`/usr/bin/sudo` is not matched, and the text of `sh -c '...'` strings is not read. `RUN`s run by a non-POSIX shell (a PowerShell or `cmd` `SHELL`) are not checked.

## Why is this bad?
`RUN` already runs as the stage's current `USER`, without a terminal and without a password, so
`sudo` only adds a package to the image and a layer of configuration (`/etc/sudoers`, `secure_path`,
environment resets) whose behaviour differs between distributions and versions. It also keeps a
privilege-escalation tool in the final image. Switch users with `USER` around the commands that
need root, and use a tool such as `gosu` or `su-exec` when the entrypoint must drop privileges at
run time.

## Example
```dockerfile
FROM ubuntu:24.04
USER app
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
USER app
```

## References
- hadolint DL3004: the same check.
- Trivy DS-0010 differs: it splits the `RUN` text at `&&` only and matches parts that start
  with `sudo` (so `true; sudo x` and `a | sudo b` pass), and skips exec-form `RUN`s of more than
  one element.
- Checkov CKV2_DOCKER_1 differs: it matches the text ` sudo ` anywhere in the `RUN` value, so it
  also fires on `echo " sudo "`.
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

class SudoInRun final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    // hadolint reads the commands ShellCheck parses: not the text of `sh -c` strings.
    for (const hadolint::PresentCommand& cmd : hadolint::present_commands(*script)) {
      if (!cmd.is("sudo")) continue;
      out.report(cmd.word().range,
                 "`sudo` in RUN; switch users with `USER` instead (or `gosu` at run time)");
    }
  }
};

}  // namespace

const Rule& sudo_in_run() {
  static const SudoInRun rule;
  return rule;
}

}  // namespace dfopt::rules
