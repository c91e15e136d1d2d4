#include <algorithm>
#include <iterator>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3027"};

constexpr RuleInfo kInfo{
    .id = "DF605",
    .name = "apt-instead-of-apt-get",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`apt` in a `RUN` instead of `apt-get` or `apt-cache`",
    .docs = R"md(## What it does
Flags every command named `apt` in a `RUN`, including `RUN` instructions inside `ONBUILD`.
Commands are read as hadolint reads them: the command must be literally `apt` (not
`/usr/bin/apt`, not `sudo apt`).

## Why is this bad?
`apt` is the command-line tool for people at a terminal. Its output and behaviour may change
between releases (it prints "apt does not have a stable CLI interface. Use with caution in
scripts."), and some of its defaults differ from `apt-get`'s. Scripts should use `apt-get` and
`apt-cache`, whose interface is stable.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## Fix safety
The fix replaces `apt` with `apt-get` when the subcommand is one that `apt-get` runs the same
way: `install`, `remove`, `purge`, `autoremove`, `update`, `dist-upgrade`, `full-upgrade`,
`build-dep`, `source`, `download`, `changelog`, `clean` and `autoclean`. For `upgrade` it also
adds `--with-new-pkgs`, because `apt upgrade` installs new dependencies that `apt-get upgrade`
holds back. There is no fix for other subcommands (`list`, `search`, `show`...), which belong
to `apt-cache` or `dpkg` with a different output.

The fix is unsafe: `apt` deletes the downloaded `.deb` files after a successful install, and
`apt-get` keeps them in `/var/cache/apt/archives` unless the base image configures otherwise
(Debian and Ubuntu images do), so the image may grow.

## References
- hadolint DL3027: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- Checkov CKV_DOCKER_9 matches ` apt ` in the text of each `&&`-separated part of a `RUN` that
  contains no `rm`.
- https://manpages.debian.org/stable/apt/apt.8.en.html#SCRIPT_USAGE_AND_DIFFERENCES_FROM_OTHER_APT_TOOLS
)md",
};

// apt subcommands that apt-get runs with the same handler and defaults (apt-private).
constexpr std::string_view kSameInAptGet[] = {
    "install",  "remove",       "purge",        "autoremove", "auto-remove",
    "update",   "dist-upgrade", "full-upgrade", "build-dep",  "source",
    "download", "changelog",    "clean",        "autoclean",  "auto-clean"};

std::optional<Fix> replace_with_apt_get(const SourceFile& source, const shell::Command& cmd) {
  const uint32_t sub = pkg::subcommand_word(cmd, 0, pkg::kAptOptions);
  if (sub == shell::npos) return std::nullopt;
  const shell::Word& word = cmd.argv[sub];
  const bool upgrade = word.text == "upgrade";
  if (!upgrade && std::find(std::begin(kSameInAptGet), std::end(kSameInAptGet), word.text) ==
                      std::end(kSameInAptGet)) {
    return std::nullopt;
  }
  const shell::Word& name = cmd.argv.front();
  std::string replacement = "apt-get";
  if (cmd.origin == shell::Origin::exec_form) {
    if (source.slice(name.range) != "\"apt\"") return std::nullopt;
    replacement = "\"apt-get\"";
  }
  Fix fix;
  fix.applicability = Applicability::unsafe;
  fix.edits.push_back({name.range, std::move(replacement)});
  if (upgrade) {
    auto edit = pkg::insert_option_after(source, cmd, word, "--with-new-pkgs");
    if (!edit) return std::nullopt;
    fix.edits.push_back(std::move(*edit));
    fix.title = "Replace `apt upgrade` with `apt-get upgrade --with-new-pkgs`";
  } else {
    fix.title = "Replace `apt` with `apt-get`";
  }
  return fix;
}

class AptInsteadOfAptGet final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : pkg::hadolint_commands(*script, "apt")) {
      out.report(cmd->argv.front().range,
                 "`apt` is meant for interactive use; use `apt-get` or `apt-cache` in scripts",
                 replace_with_apt_get(file.source, *cmd));
    }
  }
};

}  // namespace

const Rule& apt_instead_of_apt_get() {
  static const AptInsteadOfAptGet rule;
  return rule;
}

}  // namespace dfopt::rules
