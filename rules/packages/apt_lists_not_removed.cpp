#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3009"};

constexpr RuleInfo kInfo{
    .id = "DF602",
    .name = "apt-lists-not-removed",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`apt-get update` lists left in the image",
    .docs = R"md(## What it does
Flags a `RUN` whose `apt-get update` (or `apt update`, `aptitude update`) is not followed, in the
same `RUN`, by an `rm` of the package lists, when the `RUN` is in the last stage or in a stage
that a later `FROM` builds on. Only those stages end up in an image; a stage that other stages
merely `COPY --from` is not reported.

The check is hadolint's, read the way hadolint reads it:
- any `rm` command with an argument `-rf` or `/var/lib/apt/lists/*` counts as the cleanup (so
  `rm -rf /tmp/build` silences the rule too, and `rm -r -f /var/lib/apt/lists` does not);
- a `--mount=type=cache` or `type=tmpfs` whose target contains `/var/lib/apt/lists`, or two of
  them on `/var/lib/apt` and `/var/cache/apt`, keep the lists out of the layer and silence it;
- a `RUN` inside `ONBUILD` is always checked: the stage it will run in is not in this file.

## Why is this bad?
`apt-get update` downloads the package lists to `/var/lib/apt/lists`, tens of megabytes that
nothing in the image needs once the packages are installed. Files removed by a later `RUN` still
take space in the earlier layer, so the lists must be removed in the `RUN` that downloaded them.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```
or keep the lists in a BuildKit cache mount, outside the image:
```dockerfile
FROM debian:12
RUN --mount=type=cache,target=/var/lib/apt/lists \
    apt-get update && apt-get install -y --no-install-recommends curl
```

## Fix safety
When the `RUN` is a single chain of commands joined by `&&` (pipelines allowed), the fix appends
`&& rm -rf /var/lib/apt/lists/*` to it, so the lists go after every command that needs them. It is
unsafe: a later `RUN` that installs packages without its own `apt-get update` then finds no lists
and fails. There is no fix for scripts with `;`, `||`, `&`, compound commands or heredocs, where
the right place is not obvious.

## References
- hadolint DL3009: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

constexpr std::string_view kAptTools[] = {"apt-get", "apt", "aptitude"};

class AptListsNotRemoved final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    // hadolint reports an ONBUILD trigger wherever it is: the stage that runs it is elsewhere.
    if (!ref.in_onbuild && !sh::final_or_base_stage(file.model, ref.stage)) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const shell::Command* update = nullptr;
    uint32_t update_word = 0;
    for (std::string_view tool : kAptTools) {
      for (const shell::Command* cmd : pkg::hadolint_commands(*script, tool)) {
        const uint32_t i = pkg::HadolintArgs(*cmd).find_arg("update");
        if (i == shell::npos) continue;
        if (!update || cmd->range.begin < update->range.begin) {
          update = cmd;
          update_word = i;
        }
        break;
      }
    }
    if (!update) return;
    for (const shell::Command* rm : pkg::hadolint_commands(*script, "rm")) {
      const pkg::HadolintArgs args(*rm);
      if (args.has_arg("-rf") || args.has_arg("/var/lib/apt/lists/*")) return;
    }
    if (sh::has_cache_mount(file, ref, "/var/lib/apt/lists") ||
        (sh::has_cache_mount(file, ref, "/var/lib/apt") &&
         sh::has_cache_mount(file, ref, "/var/cache/apt"))) {
      return;
    }
    std::optional<Fix> fix;
    if (const auto tail = rpm::append_point(file, ref, *script)) {
      Fix f;
      f.title = "Append `&& rm -rf /var/lib/apt/lists/*` to the RUN";
      f.applicability = Applicability::unsafe;
      f.edits.push_back(
          {*tail, fmt::format("{} && rm -rf /var/lib/apt/lists/*", file.source.slice(*tail))});
      fix = std::move(f);
    }
    out.report(pkg::command_through(*update, update->argv[update_word]),
               fmt::format("`{} update` leaves the package lists in the layer; add "
                           "`rm -rf /var/lib/apt/lists/*` to this RUN",
                           update->name()),
               std::move(fix));
  }
};

}  // namespace

const Rule& apt_lists_not_removed() {
  static const AptListsNotRemoved rule;
  return rule;
}

}  // namespace dfopt::rules
