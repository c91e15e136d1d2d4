#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/stages/npm_util.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF212",
    .name = "build-after-production-install",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`npm run build` after an install without devDependencies",
    .docs = R"md(## What it does
Flags `npm run <script>` (or `npm run-script`) whose script name contains `build` when the last
`npm ci`/`npm install` before it in the same stage installed production dependencies only: it was
given `--omit=dev`, `--only=production` or `--production`, or ran with `NODE_ENV=production` set
by `ENV` or `ARG` and no `--include=dev` or `--production=false`. An install in a branch or after
`||` is not taken as certain; a later full install clears the finding.

## Why is this bad?
Build tools (TypeScript, webpack, Vite, Babel...) are usually devDependencies. After a
production-only install they are missing, so the build fails, or picks up a globally installed
tool of another version. The usual intent, a small runtime image, is met with a builder stage
that installs everything and builds, and a runtime stage that installs production dependencies
and copies the build output.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build
```

## Use instead
```dockerfile
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
```

## References
- No peer linter has this check.
- https://docs.npmjs.com/cli/v10/commands/npm-install#omit
)md",
};

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t production_line = 0;  // line of the last production-only install; 0 when none
};

bool node_env_production(const FileContext& file, uint32_t index) {
  const model::VarValue v = file.model.lookup(index, "NODE_ENV");
  return v.is_set() && v.value == "production";
}

/// The install keeps devDependencies despite NODE_ENV=production.
bool includes_dev(const shell::Options& opts) {
  for (const shell::Option& o : opts.options) {
    if (o.name == "include" && o.value == "dev") return true;
    if (o.name == "production" && o.has_value && o.value == "false") return true;
    if (o.name == "only" && (o.value == "dev" || o.value == "development")) return true;
  }
  return false;
}

/// `npm run build`, `npm run-script build:prod`...: the script word, or nullptr.
const shell::Word* build_script(const shell::Command& cmd) {
  if (!cmd.is("npm")) return nullptr;
  const shell::Options opts = shell::parse_options(cmd, npm::kSpec);
  if (opts.operands.size() < 2) return nullptr;
  const std::string_view sub = cmd.argv[opts.operands[0]].text;
  if (!sh::one_of(sub, {"run", "run-script", "rum", "urn"})) return nullptr;
  const shell::Word& script = cmd.argv[opts.operands[1]];
  return script.text.find("build") != std::string_view::npos ? &script : nullptr;
}

class BuildAfterProductionInstall final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (ref.in_onbuild || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    if (st.stage != ref.stage) {
      st.stage = ref.stage;
      st.production_line = 0;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      if (npm::install_word(cmd) != 0) {
        if (!cmd.unconditional) continue;
        const shell::Options opts = shell::parse_options(cmd, npm::kSpec);
        const bool production =
            npm::production_option(opts) ||
            (node_env_production(file, ref.index) && !includes_dev(opts));
        st.production_line =
            production ? file.source.position(cmd.range.begin).line : 0;
        continue;
      }
      if (st.production_line == 0) continue;
      const shell::Word* script_word = build_script(cmd);
      if (!script_word) continue;
      out.report(cmd.range,
                 fmt::format("`npm run {}` after a production-only install (line {}): "
                             "devDependencies such as build tools are missing",
                             script_word->text, st.production_line));
    }
  }
};

}  // namespace

const Rule& build_after_production_install() {
  static const BuildAfterProductionInstall rule;
  return rule;
}

}  // namespace dfopt::rules
