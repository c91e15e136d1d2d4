#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3008"};

constexpr RuleInfo kInfo{
    .id = "DF601",
    .name = "apt-get-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`apt-get install` of a package without a pinned version",
    .docs = R"md(## What it does
Flags each package of an `apt-get install` that names no version: an argument that is not an
option and contains neither `=` (`curl=8.5.0-2ubuntu10`) nor `/` (a release, `curl/bookworm`, or
a path) and does not end in `.deb`. The value of `-t`/`--target-release` is not a package.
`RUN` instructions inside `ONBUILD` are checked too.

Commands are read as hadolint reads them: the command must be literally `apt-get` (not
`/usr/bin/apt-get`, not `sudo apt-get`), `install` may be any of its arguments, and a variable
or command substitution counts as an unpinned package unless the word also holds a `=` or `/`
(`curl=$CURL_VERSION` is pinned, `$PACKAGES` is not).

## Why is this bad?
Without a version, `apt-get install` takes whatever the package index offers on the day of the
build. Two builds of the same Dockerfile can then produce different images, and an update
published between them can break the build or the application with no change to the file.

## Example
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
      ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
```

## References
- hadolint DL3008: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell, and it drops the argument that follows
  `-t`/`--target-release` even when the option carries its value (`-tbookworm`).
- https://docs.docker.com/build/building/best-practices/#apt-get
)md",
};

constexpr std::string_view kTargetRelease[] = {"t", "target-release"};

bool pinned(std::string_view package) {
  return package.find('=') != std::string_view::npos ||
         package.find('/') != std::string_view::npos || package.ends_with(".deb");
}

class AptGetUnpinnedPackage final : public Rule {
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
      if (!args.has_arg("install")) continue;
      for (uint32_t i : args.args_without_flags(kTargetRelease)) {
        const std::string_view package = args.text(i);
        if (package == "install" || pinned(package)) continue;
        const shell::Word& w = cmd->argv[i];
        std::string message =
            w.is_literal()
                ? fmt::format("package '{0}' is not pinned; write '{0}=<version>'", w.text)
                : fmt::format("package '{}' is not pinned to a version", pkg::shorten(w.text));
        out.report(w.range, std::move(message));
      }
    }
  }
};

}  // namespace

const Rule& apt_get_unpinned_package() {
  static const AptGetUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
