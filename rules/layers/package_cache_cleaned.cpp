#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF112",
    .name = "package-cache-cleaned",
    .category = Category::layers,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "a package cache is cleaned where a cache mount would keep it out of the image",
    .docs = R"md(## What it does
Flags `npm cache clean`, `yarn cache clean`, `pnpm store prune`, `pip cache purge` and
`composer clear-cache` in a `RUN` that has no `--mount=type=cache`. Commands after `&&`, `;`,
in subshells and in `sh -c "..."` strings count.

## Why is this bad?
Cleaning the cache in the same `RUN` keeps it out of the layer, but the next build downloads
every package again. A cache mount (`RUN --mount=type=cache,target=/root/.npm npm ci`) keeps the
cache out of the image too, and lets later builds reuse it; the clean-up step is then not needed.

## Example
```dockerfile
FROM node:20-alpine
RUN npm ci --omit=dev && npm cache clean --force
```

## Use instead
```dockerfile
FROM node:20-alpine
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
```

## References
- hadolint DL3060 (`yarn cache clean` missing after `yarn install`) asks for the opposite clean-up
  and accepts a cache mount in its place; the two agree once the mount is there.
- https://docs.docker.com/build/cache/optimize/#use-cache-mounts
)md",
};

struct Clean {
  std::string_view tool;
  std::string_view sub;
  std::string_view sub2;  // "" when the subcommand is one word
};

constexpr Clean kCleans[] = {
    {"npm", "cache", "clean"},      {"yarn", "cache", "clean"},    {"pnpm", "store", "prune"},
    {"pip", "cache", "purge"},      {"pip3", "cache", "purge"},    {"composer", "clear-cache", ""},
    {"composer", "clearcache", ""}, {"composer", "cc", ""},
};

class PackageCacheCleaned final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.in_onbuild) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const model::RunMount& m : file.model.mounts(ref.index)) {
      if (m.type == "cache") return;
    }
    for (const shell::Command& cmd : script->commands) {
      for (const Clean& c : kCleans) {
        if (!cmd.is(c.tool)) continue;
        const shell::Options opts = shell::parse_options(cmd);
        if (opts.operands.empty() || cmd.argv[opts.operands[0]].text != c.sub) continue;
        if (!c.sub2.empty() &&
            (opts.operands.size() < 2 || cmd.argv[opts.operands[1]].text != c.sub2)) {
          continue;
        }
        const std::string what =
            c.sub2.empty() ? fmt::format("{} {}", c.tool, c.sub)
                           : fmt::format("{} {} {}", c.tool, c.sub, c.sub2);
        out.report(cmd.range,
                   fmt::format("`{}` throws the cache away; a `RUN --mount=type=cache` keeps it "
                               "out of the image and reuses it in later builds",
                               what));
        break;
      }
    }
  }
};

}  // namespace

const Rule& package_cache_cleaned() {
  static const PackageCacheCleaned rule;
  return rule;
}

}  // namespace dfopt::rules
