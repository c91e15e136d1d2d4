#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3014"};

constexpr RuleInfo kInfo{
    .id = "DF603",
    .name = "apt-get-install-without-yes",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`apt-get install` without `-y`",
    .docs = R"md(## What it does
Flags an `apt-get install` that does not answer apt's confirmation prompt in advance: it has
none of `-y`, `--yes`, `--assume-yes` (also inside a group of short options such as `-qy`), and
is not made quiet enough to imply it (`-qq`, `-q -q`, `--quiet --quiet` or `-q=2`).
`RUN` instructions inside `ONBUILD` are checked too.

Commands are read as hadolint reads them: the command must be literally `apt-get` (not
`/usr/bin/apt-get`, not `sudo apt-get`) and `install` may be any of its arguments.

## Why is this bad?
When an install pulls in more packages than those named, apt asks "Do you want to continue?".
A build has no terminal to answer it: apt reads end-of-file, answers no and the build fails
with `Abort.`, depending on what the package index contains that day.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
The fix adds ` -y` right after the `install` word (`, "-y"` in an exec-form `RUN`). It is safe:
the only change is that apt proceeds where it would have aborted the build.

## References
- hadolint DL3014: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- Trivy DS-0021 matches the text of the `RUN` with regular expressions instead of reading
  commands; dockerfilelint's `apt-get_missing_param` is similar.
- https://manpages.debian.org/stable/apt/apt-get.8.en.html
)md",
};

bool assumes_yes(const pkg::HadolintArgs& args) {
  // hadolint's list: `-qq` splits into two `q` flags, so the `qq` entry only matches `--qq`.
  return args.has_any_flag({"y", "yes", "qq", "assume-yes"}) || args.count_flag("q") == 2 ||
         args.count_flag("quiet") == 2 || args.has_arg("-q=2");
}

class AptGetInstallWithoutYes final : public Rule {
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
      if (install == shell::npos || assumes_yes(args)) continue;
      const shell::Word& word = cmd->argv[install];
      std::optional<Fix> fix;
      if (auto edit = pkg::insert_option_after(file.source, *cmd, word, "-y")) {
        fix = Fix{"Add `-y` after `install`", {std::move(*edit)}, Applicability::safe};
      }
      out.report(pkg::command_through(*cmd, word),
                 "`apt-get install` without `-y` aborts the build when apt asks to confirm",
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& apt_get_install_without_yes() {
  static const AptGetInstallWithoutYes rule;
  return rule;
}

}  // namespace dfopt::rules
