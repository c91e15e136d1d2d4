#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3019"};

constexpr RuleInfo kInfo{
    .id = "DF607",
    .name = "apk-add-without-no-cache",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`apk add` without `--no-cache`",
    .docs = R"md(## What it does
Flags an `apk add` without `--no-cache`, unless the `RUN` has a `--mount=type=cache` or
`type=tmpfs` whose target contains `/var/cache/apk`. `RUN` instructions inside `ONBUILD` are
checked too.

Commands are read as hadolint reads them: the command must be literally `apk` (not `/sbin/apk`,
not `sudo apk`), `add` may be any of its arguments and `--no-cache` may be anywhere in the
command (`apk --no-cache add curl`).

## Why is this bad?
Without `--no-cache`, `apk` works from the package index stored in `/var/cache/apk`, which an
`apk update` or `apk add --update` in the same `RUN` downloads, and leaves it there: a few
megabytes in the layer that nothing uses at run time. `--no-cache` fetches a fresh index for the
command and keeps nothing, with no need for `apk update` or a `rm -rf /var/cache/apk/*`.

## Example
```dockerfile
FROM alpine:3.20
RUN apk update && apk add curl=8.9.1-r1
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r1
```

## Fix safety
The fix adds ` --no-cache` right after the `add` word (`, "--no-cache"` in an exec-form `RUN`).
It is safe: the same packages are installed, from a freshly downloaded index, and the index is
not stored. (A setup that installs only from a local package cache, with `--no-network`, needs
that cache and should keep the rule disabled.)

## References
- hadolint DL3019: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- Trivy DS-0025 reads commands with its own shell parser and has no cache-mount exemption;
  dockerfilelint's `apkadd-missing_nocache_or_updaterm` also accepts a removal of
  `/var/cache/apk/*`.
- https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Local_Cache
)md",
};

class ApkAddWithoutNoCache final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script || sh::has_cache_mount(file, ref, "/var/cache/apk")) return;
    for (const shell::Command* cmd : pkg::hadolint_commands(*script, "apk")) {
      const pkg::HadolintArgs args(*cmd);
      const uint32_t add = args.find_arg("add");
      if (add == shell::npos || args.has_flag("no-cache")) continue;
      const shell::Word& word = cmd->argv[add];
      std::optional<Fix> fix;
      if (auto edit = pkg::insert_option_after(file.source, *cmd, word, "--no-cache")) {
        fix = Fix{"Add `--no-cache` after `add`", {std::move(*edit)}, Applicability::safe};
      }
      out.report(pkg::command_through(*cmd, word),
                 "`apk add` without `--no-cache` keeps the package index in the layer",
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& apk_add_without_no_cache() {
  static const ApkAddWithoutNoCache rule;
  return rule;
}

}  // namespace dfopt::rules
