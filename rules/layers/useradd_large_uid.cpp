#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/pkg_commands.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3046"};

constexpr RuleInfo kInfo{
    .id = "DF103",
    .name = "useradd-large-uid",
    .category = Category::layers,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`useradd` with a UID of more than 5 characters and without `-l`",
    .docs = R"md(## What it does
Flags a `useradd` command in a `RUN` (including one inside `ONBUILD`) that has a `-u`/`--uid`
flag, no `-l`/`--no-log-init` flag, and a value of more than 5 characters in the word after a
`-u` flag (`-u 100000`). A value written with a variable (`-u "$APP_UID"`) counts as 6
characters, as hadolint counts it: the UID may be large. Short options may be grouped
(`-mu 100000`, `-lm`). Commands are found after `&&`, `||` or `;`, in pipelines, subshells,
`$(...)` and the body of `RUN <<EOF`, but not inside `sh -c "..."` strings.

## Why is this bad?
`useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`, files indexed by UID.
They are sparse on disk, but a layer stores them at their full size: a UID of 100000000 makes a
`lastlog` of about 29 GB. `-l` (`--no-log-init`) leaves those files alone; login records are not
needed in an image.

## Example
```dockerfile
FROM debian:12
RUN useradd -u 1000000 -m app
```

## Use instead
```dockerfile
FROM debian:12
RUN useradd -l -u 1000000 -m app
```

## Fix safety
The fix inserts `-l` after `useradd`. It is safe: the only effect of `-l` is to skip the
`lastlog` and `faillog` records. No fix is offered when `useradd` is not written literally in
place (it is split by a line continuation, say).

## References
- hadolint DL3046: the same check. As in hadolint, `--uid 1000000` alone is not reported: only
  the word after a `-u` flag is measured.
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

class UseraddLargeUid final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const hadolint::PresentCommand& p : hadolint::present_commands(*script)) {
      if (!p.is("useradd")) continue;
      const shell::Command* c = p.cmd;
      const pkg::HadolintArgs args(*c);
      if (args.has_any_flag({"l", "no-log-init"}) || !args.has_any_flag({"u", "uid"})) continue;
      // hadolint's getFlagArg "u": the word after each word holding a `u` flag.
      uint32_t uid = shell::npos;
      for (uint32_t i = 1; i + 1 < args.size(); ++i) {
        const std::string_view a = args.text(i);
        const bool u_flag = a.starts_with("--") ? a.substr(2, a.find('=') - 2) == "u"
                                                : a.size() > 1 && a[0] == '-' &&
                                                      a.find('u', 1) != std::string_view::npos;
        if (u_flag && args.text(i + 1).size() > 5) {
          uid = i + 1;
          break;
        }
      }
      if (uid == shell::npos) continue;
      const shell::Word& value = c->argv[uid];
      std::optional<Fix> fix;
      const shell::Word& name = p.word();
      if (file.source.slice(name.range) == "useradd" ||
          (c->origin == shell::Origin::exec_form &&
           file.source.slice(name.range) == "\"useradd\"")) {
        if (std::optional<Edit> e = pkg::insert_option_after(file.source, *c, name, "-l")) {
          Fix f;
          f.title = "Add `-l` to `useradd`";
          f.edits.push_back(std::move(*e));
          fix = std::move(f);
        }
      }
      const std::string message =
          value.is_literal()
              ? fmt::format(
                    "`useradd` with UID {} writes a huge /var/log/lastlog into the layer; "
                    "add `-l` (`--no-log-init`)",
                    value.text)
              : fmt::format(
                    "`useradd` with UID `{}`, which may be large, writes /var/log/lastlog "
                    "at a size that grows with the UID; add `-l` (`--no-log-init`)",
                    value.text);
      out.report(pkg::command_through(*c, value), message, std::move(fix));
    }
  }
};

}  // namespace

const Rule& useradd_large_uid() {
  static const UseraddLargeUid rule;
  return rule;
}

}  // namespace dfopt::rules
