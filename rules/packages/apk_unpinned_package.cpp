#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3018"};

constexpr RuleInfo kInfo{
    .id = "DF606",
    .name = "apk-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`apk add` of a package without a pinned version",
    .docs = R"md(## What it does
Flags each package of an `apk add` that names no version: an argument that is not an option,
contains none of `=`, `~`, `>` and `<` (`curl=8.9.1-r1`, `curl~8.9`, `curl>8`) and does not end
in `.apk`. The values of `-t`/`--virtual` and `-X`/`--repository` are not packages. `RUN`
instructions inside `ONBUILD` are checked too.

Commands are read as hadolint reads them: the command must be literally `apk` (not
`/sbin/apk`, not `sudo apk`), `add` may be any of its arguments, and a variable or command
substitution counts as an unpinned package unless the word also holds a version operator
(`curl=$CURL_VERSION` is pinned, `$PACKAGES` is not).

## Why is this bad?
Without a version, `apk add` takes whatever the repository offers on the day of the build. Two
builds of the same Dockerfile can then produce different images, and an update published
between them can break the build or the application with no change to the file.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r1
```

## References
- hadolint DL3018: the same check. Like hadolint, dfopt does not look into the scripts of
  `sh -c "..."` strings or of heredocs fed to a shell, and it drops the argument that follows
  `-t`, `--virtual`, `-X` or `--repository` even when the option carries its value
  (`--virtual=.build-deps`).
- https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Add_a_Package
)md",
};

constexpr std::string_view kValueFlags[] = {"t", "virtual", "repository", "X"};

bool pinned(std::string_view package) {
  return package.find_first_of("=~><") != std::string_view::npos || package.ends_with(".apk");
}

class ApkUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command* cmd : pkg::hadolint_commands(*script, "apk")) {
      const pkg::HadolintArgs args(*cmd);
      if (!args.has_arg("add")) continue;
      for (uint32_t i : args.args_without_flags(kValueFlags)) {
        const std::string_view package = args.text(i);
        if (package == "add" || pinned(package)) continue;
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

const Rule& apk_unpinned_package() {
  static const ApkUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
