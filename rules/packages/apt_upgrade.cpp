#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF609",
    .name = "apt-upgrade",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`apt-get upgrade` of the base image's packages",
    .docs = R"md(## What it does
Flags `apt-get upgrade`, `apt upgrade` and `aptitude upgrade`/`safe-upgrade`, also after `sudo`
or `env`, in `sh -c "..."` scripts, heredocs and `RUN` instructions inside `ONBUILD`. The rule
is off by default: enable it where images must be reproducible from their base image alone.
`dist-upgrade` and `full-upgrade` are `apt-dist-upgrade` (DF610).

## Why is this bad?
An upgrade installs whatever newer packages the archive has on the day of the build, so two
builds of the same Dockerfile differ, and the upgraded files are copied into a new layer on top
of the old ones, which stay in the base layers. Rebuilding on a refreshed base image (a newer
tag or digest) gets the same fixes in one place, for every image built on it.

Upgrading in the Dockerfile is also a legitimate way to pick up security fixes before the base
image is rebuilt, which is why Docker's best-practices guide no longer advises against it and
why the rule is opt-in.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
# A base image rebuilt with the current security fixes, pinned by digest.
FROM debian:12.8@sha256:<digest>
```

## References
- hadolint's DL3005 stopped flagging `apt-get upgrade` in 2021, when Docker's guide and OWASP
  dropped the advice against it (hadolint/hadolint#562); the rule, by then about
  `dist-upgrade` only, was deleted in 2023.
- Trivy DS-0024 (deprecated) only looks for `dist-upgrade`: see `apt-dist-upgrade` (DF610).
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

class AptUpgrade final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      const uint32_t tool = pkg::program_word(cmd);
      if (tool == shell::npos || !pkg::is_apt_tool(cmd.argv[tool].text)) continue;
      const uint32_t sub = pkg::subcommand_word(cmd, tool, pkg::kAptOptions);
      if (sub == shell::npos) continue;
      const std::string_view s = cmd.argv[sub].text;
      if (s != "upgrade" && !(s == "safe-upgrade" && cmd.argv[tool].text == "aptitude")) continue;
      out.report({cmd.argv[tool].range.begin, cmd.argv[sub].range.end},
                 fmt::format("`{} {}` upgrades the base image's packages in this layer; "
                             "rebuild on an updated base image instead",
                             cmd.argv[tool].text, s));
    }
  }
};

}  // namespace

const Rule& apt_upgrade() {
  static const AptUpgrade rule;
  return rule;
}

}  // namespace dfopt::rules
