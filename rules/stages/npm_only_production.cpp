#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/stages/npm_util.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF211",
    .name = "npm-only-production",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = {},
    .options = {},
    .summary = "`npm ci`/`npm install` with the deprecated `--only=production` or `--production`",
    .docs = R"md(## What it does
Flags `npm ci` and `npm install` (and their aliases) given `--only=production`, `--only=prod`
(also `--only production`) or `--production`, in any command of a `RUN`: after `&&`, `;`, in
pipelines, subshells, `$(...)` and `sh -c "..."` strings.

## Why is this bad?
npm 7 deprecated these options in favour of `--omit=dev`, and npm prints a warning for each use;
they are kept only for compatibility. Builds that rely on them break silently when a later npm
drops them: the install then includes devDependencies, and the image grows.

## Example
```dockerfile
FROM node:20-alpine
RUN npm ci --only=production
```

## Use instead
```dockerfile
FROM node:20-alpine
RUN npm ci --omit=dev
```

## Fix safety
The fix replaces the option with `--omit=dev`, when the option is a single word. It is unsafe: npm
6 and older (Node.js 14 images and earlier) do not know `--omit` and would install
devDependencies.

## References
- No peer linter has this check.
- https://docs.npmjs.com/cli/v10/commands/npm-install#omit
)md",
};

class NpmOnlyProduction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      if (npm::install_word(cmd) == 0) continue;
      const shell::Options opts = shell::parse_options(cmd, npm::kSpec);
      const shell::Option* o = npm::production_option(opts);
      if (!o || o->name == "omit") continue;
      const shell::Word& w = cmd.argv[o->word];
      const bool one_word = o->value_word == shell::npos || o->value_word == o->word;
      TextRange range = w.range;
      if (!one_word) range.end = cmd.argv[o->value_word].range.end;
      const std::string spelled =
          o->name == "production" ? std::string(w.text) : fmt::format("--only={}", o->value);
      std::optional<Fix> fix;
      // Only where the word's source bytes are exactly its value (no quotes, escapes or JSON).
      const std::string_view src =
          file.source.text().substr(w.range.begin, w.range.end - w.range.begin);
      if (one_word && src == w.text) {
        fix = Fix{.title = "Replace with `--omit=dev`",
                  .edits = {{w.range, "--omit=dev"}},
                  .applicability = Applicability::unsafe};
      }
      out.report(range,
                 fmt::format("`{}` is deprecated since npm 7; use `--omit=dev`", spelled),
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& npm_only_production() {
  static const NpmOnlyProduction rule;
  return rule;
}

}  // namespace dfopt::rules
