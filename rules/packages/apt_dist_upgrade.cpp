#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF610",
    .name = "apt-dist-upgrade",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`apt-get dist-upgrade` in a `RUN`",
    .docs = R"md(## What it does
Flags `apt-get dist-upgrade` and `full-upgrade`, `apt full-upgrade` and `dist-upgrade`, and
`aptitude full-upgrade` and `dist-upgrade`, also after `sudo` or `env`, in `sh -c "..."`
scripts, heredocs and `RUN` instructions inside `ONBUILD`. The rule is off by default. A plain
`upgrade` is `apt-upgrade` (DF609).

## Why is this bad?
Unlike `upgrade`, `dist-upgrade` resolves changed dependencies by installing new packages and
removing installed ones, and with `-y` it does so without asking: the image can lose packages
of its base image with no trace in the Dockerfile, and what it installs depends on the day of
the build. Moving to a new distribution release is done by changing the base image, not inside
a build.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
# A base image rebuilt with the current updates, pinned by digest.
FROM debian:12.8@sha256:<digest>
```

## References
- Trivy DS-0024 (deprecated) differs: it matches the regular expression
  `apt-get .* dist-upgrade` against the text of the `RUN`, so it also matches `apt-get update
  && echo dist-upgrade`, and not `apt full-upgrade`.
- hadolint's DL3005, its `dist-upgrade` check, was deleted in 2023; dockerfilelint's
  `apt-get-dist-upgrade` is similar to Trivy's.
- https://manpages.debian.org/stable/apt/apt-get.8.en.html
)md",
};

class AptDistUpgrade final : public Rule {
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
      if (s != "dist-upgrade" && s != "full-upgrade") continue;
      out.report({cmd.argv[tool].range.begin, cmd.argv[sub].range.end},
                 fmt::format("`{} {}` may install and remove packages of the base image; "
                             "change the base image to move to a new release",
                             cmd.argv[tool].text, s));
    }
  }
};

}  // namespace

const Rule& apt_dist_upgrade() {
  static const AptDistUpgrade rule;
  return rule;
}

}  // namespace dfopt::rules
