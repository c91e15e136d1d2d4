#include <cstdint>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3060"};

constexpr RuleInfo kInfo{
    .id = "DF643",
    .name = "yarn-cache-not-cleaned",
    .category = Category::packages,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`yarn install` without `yarn cache clean` in the same `RUN`",
    .docs = R"md(## What it does
Flags a `RUN` that runs `yarn install` but no `yarn cache clean` after it, unless the `RUN` has
a `--mount=type=cache` or `type=tmpfs` whose target contains `.cache/yarn`. The finding is at
the first `yarn install`.

Only the stages whose files end up in an image are checked: the last stage, and any stage that a
later `FROM` uses as its base. `RUN` instructions inside `ONBUILD` are always checked.

Commands are read as hadolint reads them: the command must be literally `yarn`; it installs when
`install` is one of its arguments, and it cleans when `cache` or `clean` is one of them. When a
cleaning `yarn` command comes before the first install, the `RUN` is flagged even with a cache
mount.

## Why is this bad?
Yarn (v1) keeps a copy of every package it downloads in its global cache, under
`/usr/local/share/.cache/yarn` or `~/.cache/yarn`. In an image build that cache is never used
again, but it is written to the layer and ships with the image, often doubling the size of
`node_modules`.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production && yarn cache clean
```
Or keep the cache out of the layer and reuse it across builds:
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn \
    yarn install --frozen-lockfile --production
```

## References
- hadolint DL3060: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell. It finds the stages used as a base by
  their names as BuildKit does (case-insensitively), and the last stage by its position, where
  hadolint also checks an earlier stage whose `FROM` line is identical to the last one.
- https://classic.yarnpkg.com/en/docs/cli/cache
)md",
};

class YarnCacheNotCleaned final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    // A cache left in a stage that is only copied from never reaches an image (hadolint's
    // scope); an ONBUILD trigger runs in whatever image is built from this one.
    if (!ref.in_onbuild && !sh::final_or_base_stage(file.model, ref.stage)) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    // hadolint compares the positions of the first installing and the first cleaning command.
    const shell::Command* install = nullptr;
    uint32_t install_word = shell::npos;
    size_t install_at = 0;
    size_t clean_at = SIZE_MAX;
    const auto commands = lang_pm::visible_commands(*script);
    for (size_t i = 0; i < commands.size(); ++i) {
      const shell::Command* cmd = commands[i];
      if (!cmd->is("yarn")) continue;
      const pkg::HadolintArgs args(*cmd);
      if (clean_at == SIZE_MAX && (args.has_arg("cache") || args.has_arg("clean"))) clean_at = i;
      if (!install && args.has_arg("install")) {
        install = cmd;
        install_word = args.find_arg("install");
        install_at = i;
      }
    }
    if (!install) return;
    const TextRange at = pkg::command_through(*install, install->argv[install_word]);
    if (clean_at < install_at) {
      out.report(at,
                 "`yarn cache clean` runs before `yarn install`, so the cache stays in the "
                 "image; clean after installing");
    } else if (clean_at == SIZE_MAX && !lang_pm::has_cache_mount(file, ref, ".cache/yarn")) {
      out.report(at,
                 "`yarn install` leaves its cache in the image; run `yarn cache clean` after "
                 "it in the same `RUN`");
    }
  }
};

}  // namespace

const Rule& yarn_cache_not_cleaned() {
  static const YarnCacheNotCleaned rule;
  return rule;
}

}  // namespace dfopt::rules
