#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3001"};

constexpr RuleInfo kInfo{
    .id = "DF413",
    .name = "pointless-command",
    .category = Category::runtime,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`RUN` of a command that has no use in an image build (`ssh`, `vim`, `service`...)",
    .docs = R"md(## What it does
Flags a command named exactly `free`, `kill`, `mount`, `ps`, `service`, `shutdown`, `ssh`, `top`
or `vim` in a `RUN`, including one inside `ONBUILD`. Commands are found wherever the shell runs
them: after `&&`, `||` or `;`, in pipelines, subshells, `$(...)` and the body of `RUN <<EOF`.
The name is read as hadolint reads it: the literal first word, or the word after `busybox`,
`builtin`, `command` or `exec`. `/usr/bin/ps` or `sudo service` are not matched, and neither are
commands inside `sh -c "..."` strings.

## Why is this bad?
A `RUN` step executes once, in a throw-away container, and only its file system changes are kept.
A service started with `service` stops when the step ends; `ps`, `top` and `free` describe the
build container, not the one that will run the image; `kill` and `shutdown` have nothing to act
on; `mount` does not persist into the image; `vim` and `ssh` are interactive and wait for input
that never comes. Such a command is either dead weight or a sign that the step does something
other than what was meant.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && service nginx start
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends nginx
CMD ["nginx", "-g", "daemon off;"]
```

## References
- hadolint DL3001: the same check (hadolint's message also names `ifconfig`, which it does not
  match).
- https://docs.docker.com/build/building/best-practices/#run
)md",
};

/// Why each command is pointless in a build step.
std::string_view reason(std::string_view name) {
  if (name == "service") {
    return "a service started in `RUN` stops when the step ends; start it from `CMD` or "
           "`ENTRYPOINT`";
  }
  if (name == "ps" || name == "top" || name == "free") {
    return "it shows the build container, not the container that runs the image";
  }
  if (name == "kill") return "no process of the image runs during the build";
  if (name == "shutdown") return "there is no system to shut down in a build step";
  if (name == "mount") return "mounts do not persist into the image; use `RUN --mount` or `VOLUME`";
  if (name == "vim")
    return "an interactive editor has no input in a build; edit with `sed` or `COPY`";
  return "an interactive login has no input in a build";  // ssh
}

class PointlessCommand final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const hadolint::PresentCommand& c : hadolint::present_commands(*script)) {
      const std::string_view name = c.name;
      if (!sh::one_of(
              name, {"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"})) {
        continue;
      }
      out.report(c.word().range, fmt::format("`{}` has no use in `RUN`: {}", name, reason(name)));
    }
  }
};

}  // namespace

const Rule& pointless_command() {
  static const PointlessCommand rule;
  return rule;
}

}  // namespace dfopt::rules
