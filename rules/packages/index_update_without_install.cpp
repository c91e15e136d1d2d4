#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF608",
    .name = "index-update-without-install",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "package index updated in a `RUN` that installs nothing from it",
    .docs = R"md(## What it does
Flags an `apt-get update`, `apt update`, `aptitude update` or `apk update` that no later command
of the same `RUN` follows with a command that reads the refreshed index through the same package
manager: an install, upgrade or download (for apt: `install`, `reinstall`, `upgrade`,
`dist-upgrade`, `full-upgrade`, `build-dep`, `satisfy`, `source`, `download`...; for apk: `add`,
`upgrade`, `fix`, `fetch`). `RUN` instructions inside `ONBUILD` are checked too.

The update is recognised after `sudo`, `env` and similar wrappers, in `sh -c "..."` scripts and
in heredocs. Any later command of the `RUN` that names the package manager and then one of those
subcommands counts, also through `xargs` or a wrapper. The update is not reported either when a
later command deletes the index again (`rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`,
`rm -rf /var/cache/apk/*`), or runs a script that dfopt cannot read and that may install
(`bash /tmp/setup.sh`, `curl -fsSL ... | sh`).

## Why is this bad?
BuildKit caches each `RUN` by its text. A `RUN apt-get update` on its own is built once and
then reused as long as its line does not change, so when a later `RUN apt-get install` changes
months later, it runs against the old, cached index: packages that have since been replaced
fail to download, or an outdated version is installed. Updating and installing in one `RUN`
refreshes the index whenever the install list changes.

## Example
```dockerfile
FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## References
- Trivy DS-0017 differs: it also reports `yum`, `dnf` and `zypper` `update`/`up`, which
  upgrade the installed packages rather than refresh an index (an upgrade alone in a `RUN` does
  not go stale the same way), it looks for the words anywhere in a command (`echo apt-get
  update`), it reports an update whose index is deleted again or read by a script, and it does
  not check `aptitude` or `ONBUILD`.
- Checkov CKV_DOCKER_5 counts `update` words against install words over the whole file.
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

enum class Family : uint8_t { apt, apk, none };

constexpr size_t kNone = SIZE_MAX;

Family family_of(std::string_view tool) {
  // tonistiigi/xx's cross-compilation wrappers (`xx-apt-get`, `xx-apk`) share the index.
  if (tool.starts_with("xx-")) tool.remove_prefix(3);
  if (pkg::is_apt_tool(tool)) return Family::apt;
  if (tool == "apk") return Family::apk;
  return Family::none;
}

// Subcommands that read the index `update` refreshed: installs, upgrades and downloads.
constexpr std::string_view kAptUses[] = {
    "install",         "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade",
    "dselect-upgrade", "build-dep", "satisfy", "source",       "download"};
constexpr std::string_view kApkUses[] = {"add", "upgrade", "fix", "fetch"};

bool uses_index(Family family, std::string_view sub) {
  auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), sub) != std::end(list);
  };
  return family == Family::apt ? in(kAptUses) : in(kApkUses);
}

/// A command that names a tool of `family` and later a subcommand that reads the index:
/// `apt-get install`, but also `sudo -E apt-get install`, `xargs apt-get install -y < pkgs`.
bool names_use(const shell::Command& cmd, Family family) {
  bool tool = false;
  for (const shell::Word& w : cmd.argv) {
    if (tool && uses_index(family, w.text)) return true;
    tool = tool || family_of(w.text) == family;
  }
  return false;
}

/// A command that deletes the index `update` wrote, so that no stale copy stays in the layer:
/// `rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean`; `rm -rf /var/cache/apk/*`,
/// `apk cache clean`.
bool removes_index(const shell::Command& cmd, Family family) {
  const std::string_view dir = family == Family::apt ? "/var/lib/apt/lists" : "/var/cache/apk";
  const uint32_t tool = pkg::program_word(cmd);
  if (tool == shell::npos) return false;
  const std::string_view name = cmd.argv[tool].text;
  if (name == "rm") {
    return std::any_of(cmd.argv.begin() + tool + 1, cmd.argv.end(),
                       [&](const shell::Word& w) { return w.text.starts_with(dir); });
  }
  if (family_of(name) != family) return false;
  const uint32_t sub =
      pkg::subcommand_word(cmd, tool, family == Family::apk ? pkg::kApkOptions : pkg::kAptOptions);
  if (sub == shell::npos) return false;
  const std::string_view s = cmd.argv[sub].text;
  if (family == Family::apt) return s == "dist-clean" || s == "distclean";
  return s == "cache" && sub + 1 < cmd.argv.size() &&
         (cmd.argv[sub + 1].text == "clean" || cmd.argv[sub + 1].text == "purge");
}

/// A command that runs a script dfopt cannot read, which may install from the index: a shell
/// given a file or its standard input (`bash /tmp/setup.sh`, `curl ... | sh`), or a `.sh` file.
/// `sh -c "..."` is not opaque: its script is parsed with the rest.
bool runs_opaque_script(const shell::Command& cmd) {
  const uint32_t tool = pkg::program_word(cmd);
  if (tool == shell::npos) return false;
  std::string_view name = cmd.argv[tool].text;
  if (name.ends_with(".sh")) return true;
  name = name.substr(name.rfind('/') + 1);
  if (!sh::one_of(name, {"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"})) return false;
  for (uint32_t i = tool + 1; i < cmd.argv.size(); ++i) {
    const std::string_view a = cmd.argv[i].text;
    if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('c') != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

class IndexUpdateWithoutInstall final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const auto& cmds = script->commands;
    // For each family, the last command that makes an earlier update harmless (it reads the
    // index, deletes it, or may do either in a script), so each update is checked in constant
    // time.
    size_t last_settled[2] = {kNone, kNone};
    for (size_t i = 0; i < cmds.size(); ++i) {
      const bool opaque = runs_opaque_script(cmds[i]);
      for (Family f : {Family::apt, Family::apk}) {
        if (opaque || names_use(cmds[i], f) || removes_index(cmds[i], f)) {
          last_settled[static_cast<int>(f)] = i;
        }
      }
    }
    for (size_t i = 0; i < cmds.size(); ++i) {
      const shell::Command& cmd = cmds[i];
      const uint32_t tool = pkg::program_word(cmd);
      if (tool == shell::npos) continue;
      const Family family = family_of(cmd.argv[tool].text);
      if (family == Family::none) continue;
      const uint32_t sub = pkg::subcommand_word(
          cmd, tool, family == Family::apk ? pkg::kApkOptions : pkg::kAptOptions);
      if (sub == shell::npos || cmd.argv[sub].text != "update") continue;
      const size_t settled = last_settled[static_cast<int>(family)];
      if (settled != kNone && settled > i) continue;
      out.report({cmd.argv[tool].range.begin, cmd.argv[sub].range.end},
                 fmt::format("`{} update` is not followed by an install in this RUN; a later "
                             "RUN may install from a stale cached index",
                             cmd.argv[tool].text));
    }
  }
};

}  // namespace

const Rule& index_update_without_install() {
  static const IndexUpdateWithoutInstall rule;
  return rule;
}

}  // namespace dfopt::rules
