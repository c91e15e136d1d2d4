#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/lang_pm.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3028"};

constexpr RuleInfo kInfo{
    .id = "DF644",
    .name = "gem-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`gem install` of a gem without a pinned version",
    .docs = R"md(## What it does
Flags each gem of a `gem install` (or `gem i`) that names no version with `<gem>:<version>`,
unless the command gives one with `-v`, `--version` or `--version=...`.

The gems are the arguments before the first `--` (what follows it goes to the gem's build) that
do not start with `-`; the argument right after an option is taken as that option's value and
skipped, whether or not the option takes one (`--no-document rails` installs `rails` but
`rails` is not checked). The command must be literally `gem`, and `install` or `i` may be any
of its arguments. `RUN` instructions inside `ONBUILD` are checked too.

## Why is this bad?
Without a version, `gem install` takes the newest release on the day of the build. Two builds of
the same Dockerfile can then produce different images, and a release published between them can
break the build or the application with no change to the file.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler:2.5.16
```

## References
- hadolint DL3028: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell.
- https://guides.rubygems.org/command-reference/#gem-install
)md",
};

class GemUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : lang_pm::visible_commands(*script)) {
      if (!cmd->is("gem")) continue;
      const pkg::HadolintArgs args(*cmd);
      if (!args.has_arg("install") && !args.has_arg("i")) continue;
      // A version option pins every gem of the command.
      if (args.has_arg("-v") || args.has_arg("--version")) continue;
      bool versioned = false;
      for (uint32_t i = 1; i < args.size() && !versioned; ++i) {
        versioned = args.text(i).starts_with("--version=");
      }
      if (versioned) continue;
      // What follows `--` goes to the gem's build, not to `gem install`.
      uint32_t end = 1;
      while (end < args.size() && args.text(end) != "--") ++end;
      for (uint32_t i = 1; i < end; ++i) {
        const std::string_view a = args.text(i);
        if (a.starts_with('-')) {
          ++i;  // hadolint takes the next argument as the option's value
          continue;
        }
        if (a == "install" || a == "i" || a.find(':') != std::string_view::npos) continue;
        const shell::Word& w = cmd->argv[i];
        std::string message;
        if (!w.is_literal()) {
          message = fmt::format("gem '{}' is not pinned to a version", w.text);
        } else if (w.text.find('/') != std::string_view::npos || w.text.ends_with(".gem")) {
          message = fmt::format("gem '{}' is not pinned with ':<version>'", w.text);
        } else {
          message = fmt::format("gem '{0}' is not pinned; write '{0}:<version>'", w.text);
        }
        out.report(w.range, std::move(message));
      }
    }
  }
};

}  // namespace

const Rule& gem_unpinned_package() {
  static const GemUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
