#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3015"};

constexpr RuleInfo kInfo{
    .id = "DF604",
    .name = "apt-get-install-recommends",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`apt-get install` without `--no-install-recommends`",
    .docs = R"md(## What it does
Flags an `apt-get install` with neither `--no-install-recommends` nor the argument
`APT::Install-Recommends=false` (as in `-o APT::Install-Recommends=false`). `RUN` instructions
inside `ONBUILD` are checked too.

Commands are read as hadolint reads them: the command must be literally `apt-get` (not
`/usr/bin/apt-get`, not `sudo apt-get`) and `install` may be any of its arguments. A setting in
`/etc/apt/apt.conf.d` is not seen.

## Why is this bad?
By default apt also installs the packages that the requested ones only recommend: manual pages,
optional plugins, desktop integration. They make the image larger and widen its attack surface
while the application rarely needs them.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix adds ` --no-install-recommends` right after the `install` word (`, "--no-install-recommends"`
in an exec-form `RUN`). It is unsafe: the image no longer gets the recommended packages, and the
application may rely on one of them (`ca-certificates` is a common example).

## References
- hadolint DL3015: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- Trivy DS-0029 matches the text of the `RUN` with regular expressions instead of reading
  commands; dockerfilelint's `apt-get_recommends` is similar.
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

class AptGetInstallRecommends final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : pkg::hadolint_commands(*script, "apt-get")) {
      const pkg::HadolintArgs args(*cmd);
      const uint32_t install = args.find_arg("install");
      if (install == shell::npos || args.has_flag("no-install-recommends") ||
          args.has_arg("APT::Install-Recommends=false")) {
        continue;
      }
      const shell::Word& word = cmd->argv[install];
      std::optional<Fix> fix;
      if (auto edit =
              pkg::insert_option_after(file.source, *cmd, word, "--no-install-recommends")) {
        fix = Fix{"Add `--no-install-recommends` after `install`",
                  {std::move(*edit)},
                  Applicability::unsafe};
      }
      out.report(pkg::command_through(*cmd, word),
                 "`apt-get install` without `--no-install-recommends` also installs the "
                 "recommended packages",
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& apt_get_install_recommends() {
  static const AptGetInstallRecommends rule;
  return rule;
}

}  // namespace dfopt::rules
