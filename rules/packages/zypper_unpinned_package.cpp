#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3037"};

constexpr RuleInfo kInfo{
    .id = "DF626",
    .name = "zypper-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`zypper install` of a package without a version",
    .docs = R"md(## What it does
Flags each package of a `zypper install` (or `zypper in`) in a `RUN` (also inside `ONBUILD`)
that names no version, reading the command as hadolint does: the operands are the arguments that
do not start with `-`, other than `install` and `in`. An operand counts as pinned when it
contains `=`, `<` or `>` (`curl=8.6.0`, `curl>=8`, `curl=$CURL_VERSION`) or ends in `.rpm`.
The command must be literally `zypper`, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without a version, `zypper install` takes whatever the repositories offer on the day of the
build, so two builds of the same Dockerfile can produce different images, and an update can
break the build or the application without any change to the Dockerfile.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install 'curl=8.6.0-150600.4.9.1' && zypper clean
```

## References
- hadolint DL3037: the same check. Like hadolint, option values written as separate words
  (`--from repo-oss`, `-t pattern`) are read as operands; write `--from=repo-oss`.
- https://en.opensuse.org/SDB:Zypper_manual
)md",
};

bool pinned(std::string_view package) {
  // hadolint's list is `=`, `>=`, `>`, `<=`, `<`: one character of `=<>` covers them all.
  return package.find_first_of("=<>") != std::string_view::npos || package.ends_with(".rpm");
}

class ZypperUnpinnedPackage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (script == nullptr) return;
    for (const shell::Command* c : pkg::hadolint_commands(*script, "zypper")) {
      const pkg::HadolintArgs args(*c);
      if (!args.has_arg("install") && !args.has_arg("in")) continue;
      for (uint32_t i : args.args_without_flags({})) {
        const std::string_view a = args.text(i);
        if (a == "install" || a == "in" || pinned(a)) continue;
        const shell::Word& w = c->argv[i];
        out.report(w.range, rpm::unpinned_message(w, '=', /*variables=*/false));
      }
    }
  }
};

}  // namespace

const Rule& zypper_unpinned_package() {
  static const ZypperUnpinnedPackage rule;
  return rule;
}

}  // namespace dfopt::rules
