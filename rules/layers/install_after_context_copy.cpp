#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/stages/npm_util.h"
#include "rules/variables/dockerignore.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF116",
    .name = "install-after-context-copy",
    .category = Category::layers,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "a dependency install after a `COPY` of the whole build context",
    .docs = R"md(## What it does
Flags a dependency install that only needs the project's manifests when it runs after a `COPY`
or `ADD` of the whole build context (a source of `.`) in the same stage, and no install by the
same tool ran before that copy. Installs are: `npm ci`/`npm install` without package names,
`yarn` and `yarn install`, `pnpm install`, `pip install -r FILE`, `poetry install`,
`pipenv install`/`sync`, `bundle install`, `composer install`, `go mod download`, `cargo fetch`,
`mvn dependency:go-offline`/`dependency:resolve`, `gradle dependencies` and `dotnet restore`.
Commands after `&&`, `;`, in subshells and `sh -c "..."` strings count.

## Why is this bad?
A step's cache is invalidated when any file it depends on changes. After `COPY . .`, every edit
of any source file invalidates the install, and every build downloads and installs all
dependencies again. Copying the manifests first, installing, then copying the rest keeps the
install cached until the manifests change.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
```

## References
- No peer linter has this check.
- https://docs.docker.com/build/cache/optimize/#order-your-layers
)md",
};

/// The dependency install `cmd` runs, named by its tool ("npm", "pip"...), or "".
std::string_view install_tool(const shell::Command& cmd) {
  const std::string_view name = cmd.name();
  if (name == "npm") {
    const uint32_t sub = npm::install_word(cmd);
    if (sub == 0 || cmd.argv[sub].text == "add") return {};
    const shell::Options opts = shell::parse_options(cmd, npm::kSpec);
    return opts.operands.size() == 1 ? "npm" : "";  // `npm install express` adds a package
  }
  const shell::Options opts = shell::parse_options(cmd);
  const auto operand = [&](size_t i) -> std::string_view {
    return i < opts.operands.size() ? cmd.argv[opts.operands[i]].text : std::string_view();
  };
  if (name == "yarn") {
    return opts.operands.empty() || (operand(0) == "install" && opts.operands.size() == 1)
               ? "yarn"
               : "";
  }
  if (name == "pnpm") {
    return sh::one_of(operand(0), {"install", "i"}) && opts.operands.size() == 1 ? "pnpm" : "";
  }
  if (name == "pip" || name == "pip3") {
    return operand(0) == "install" && opts.has_any({"r", "requirement"}) ? "pip" : "";
  }
  if (name == "poetry") return operand(0) == "install" ? "poetry" : "";
  if (name == "pipenv") return sh::one_of(operand(0), {"install", "sync"}) ? "pipenv" : "";
  if (name == "bundle") return operand(0) == "install" ? "bundle" : "";
  if (name == "composer") return operand(0) == "install" ? "composer" : "";
  if (name == "go") return operand(0) == "mod" && operand(1) == "download" ? "go" : "";
  if (name == "cargo") return operand(0) == "fetch" ? "cargo" : "";
  if (name == "mvn" || name == "./mvnw") {
    for (uint32_t i : opts.operands) {
      if (sh::one_of(cmd.argv[i].text, {"dependency:go-offline", "dependency:resolve"})) {
        return "mvn";
      }
    }
    return {};
  }
  if (name == "gradle" || name == "./gradlew") return operand(0) == "dependencies" ? "gradle" : "";
  if (name == "dotnet") return operand(0) == "restore" ? "dotnet" : "";
  return {};
}

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t copy_line = 0;  // the first whole-context COPY of the stage; 0 when none yet
  std::vector<std::string_view> before;  // tools that installed before that COPY
  std::vector<std::string_view> reported;
};

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  for (std::string_view x : v) {
    if (x == s) return true;
  }
  return false;
}

class InstallAfterContextCopy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::copy) | kind_bit(ast::InstrKind::add);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (ref.in_onbuild || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    if (st.stage != ref.stage) {
      st.stage = ref.stage;
      st.copy_line = 0;
      st.before.clear();
      st.reported.clear();
    }
    const ast::Instruction& ins = ref.instr;
    if (!ins.is(ast::InstrKind::run)) {
      if (st.copy_line != 0 || ins.flag("from") || ins.args.size() < 2) return;
      for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
        const std::string src = file.model.expand(ref.index, ins.args[i].value).value;
        if (dockerignore::clean(src) == ".") {
          st.copy_line = file.source.position(ins.range.begin).line;
          return;
        }
      }
      return;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      const std::string_view tool = install_tool(cmd);
      if (tool.empty()) continue;
      if (st.copy_line == 0) {
        if (!contains(st.before, tool)) st.before.push_back(tool);
        continue;
      }
      if (contains(st.before, tool) || contains(st.reported, tool)) continue;
      st.reported.push_back(tool);
      out.report(cmd.range,
                 fmt::format("this install runs again whenever any file of the build context "
                             "changes (`COPY .` on line {}); copy only the {} manifests before "
                             "it and the rest after",
                             st.copy_line, tool));
    }
  }
};

}  // namespace

const Rule& install_after_context_copy() {
  static const InstallAfterContextCopy rule;
  return rule;
}

}  // namespace dfopt::rules
