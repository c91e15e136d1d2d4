#include <fmt/format.h>

#include <algorithm>
#include <optional>
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
    .fix = FixAvailability::sometimes,
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

## Fix safety
The fix copies only the manifests the install reads before the install and moves the whole-context
`COPY` after it: the `COPY` keeps its flags (`--chown`, `--chmod`, `--link`) and gets the
manifests and a directory destination (`.` becomes `./`), and the `COPY` of the context is
written again, byte for byte, after the install. Files that may be missing are written with a
wildcard (`package-lock.json*`): BuildKit accepts a wildcard that matches nothing, while a plain
name must exist. The manifests are:

| install | manifests |
|---|---|
| `npm ci`, `npm install` | `package.json package-lock.json* npm-shrinkwrap.json* .npmrc*` |
| `yarn`, `yarn install` | `package.json yarn.lock* .yarnrc*` |
| `pnpm install` | `package.json pnpm-lock.yaml* pnpm-workspace.yaml* .npmrc*` |
| `pip install -r FILE` | `FILE` and every `-c FILE` |
| `pipenv install`/`sync` | `Pipfile Pipfile.lock*` |
| `poetry install --no-root` | `pyproject.toml poetry.lock*` |
| `bundle install` | `Gemfile Gemfile.lock*` |
| `composer install --no-scripts --no-autoloader` | `composer.json composer.lock*` |
| `go mod download` | `go.mod go.sum*` |
| `mvn dependency:go-offline`/`resolve` | `pom.xml` |
| `gradle dependencies` | `build.gradle* settings.gradle* gradle.properties*` |

It is offered only when the result plainly does the same: the install `RUN` comes right after
the `COPY` (comment lines aside), the `COPY` copies only `.` in the shell form, without flags
other than `--chown`, `--chmod` and `--link`, to `.`, `./` or the working directory itself (so
the install runs where the manifests land), and every command of the `RUN` is such an install
or one that reads nothing of the context (`npm cache clean`, `npm install -g`, `pip install` of
named packages...). No fix is offered for an install told to use another directory or manifest
(`--prefix`, `--cwd`, `-C`, `-f`, `--gemfile`...), for `pip install -r` of a file in a
subdirectory, for `poetry install` without `--no-root` and `composer install` without
`--no-scripts --no-autoloader` (they need the sources), for `./mvnw` and `./gradlew` (the
wrapper lives in the context), or for `cargo` and `dotnet` (their manifests alone do not build or
restore). It is unsafe: an install can still read more than its manifests (lifecycle scripts
such as npm's `postinstall`, workspaces, a Gemfile's `gemspec`, `-r` includes inside a
requirements file, Go `replace` directives to local paths, Maven modules, Yarn 2's `yarnPath`);
check the project's layout before applying it.

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


/// Options that make an install read another directory or manifest: no fix then.
bool moves_elsewhere(const shell::Command& cmd, const shell::Options& opts) {
  const std::string_view name = cmd.name();
  if (name == "npm") return opts.has_any({"prefix", "C"});
  if (name == "yarn") return opts.has_any({"cwd"});
  if (name == "pnpm") return opts.has_any({"C", "dir", "filter", "F", "recursive", "r"});
  if (name == "poetry") return opts.has_any({"C", "directory", "P", "project"});
  if (name == "bundle") return opts.has_any({"gemfile"});
  if (name == "composer") return opts.has_any({"d", "working-dir"});
  if (name == "mvn") return opts.has_any({"f", "file", "pl", "projects"});
  if (name == "gradle") {
    return opts.has_any({"p", "project-dir", "b", "build-file", "c", "settings-file"});
  }
  return false;
}

constexpr std::string_view kPipValueOptions[] = {
    "r", "requirement", "c", "constraint", "i", "index-url", "extra-index-url", "f",
    "find-links", "t", "target", "prefix", "root", "src", "e", "editable", "trusted-host",
    "cache-dir", "python-version", "platform", "implementation", "abi", "log", "proxy",
    "retries", "timeout", "upgrade-strategy", "progress-bar", "only-binary", "no-binary"};
constexpr shell::OptionSpec kPipSpec{.with_value = kPipValueOptions};

/// A context path a manifest COPY can name as is: relative, in the context's top folder, plain.
bool plain_top_level(std::string_view path) {
  if (path.substr(0, 2) == "./") path.remove_prefix(2);
  return !path.empty() && path.find_first_of("/$*?[\\ \"'") == std::string_view::npos &&
         path != "." && path != "..";
}

/// A package operand of `pip install` that names an index package, not a path or URL.
bool index_package(std::string_view operand) {
  return !operand.empty() && operand.front() != '.' && operand.front() != '/' &&
         operand.find_first_of("/$\\:") == std::string_view::npos &&
         !operand.ends_with(".whl") && !operand.ends_with(".tar.gz") && !operand.ends_with(".zip");
}

/// Whether the fix can tell what a command of the install RUN needs from the context: the
/// manifests of an install (added to `out`) or nothing at all (`npm cache clean`). False for
/// anything else.
bool add_manifests(const shell::Command& cmd, std::vector<std::string>& out) {
  const auto add = [&](std::initializer_list<std::string_view> files) {
    for (std::string_view f : files) {
      if (std::find(out.begin(), out.end(), f) == out.end()) out.emplace_back(f);
    }
    return true;
  };
  for (const shell::Word& w : cmd.argv) {
    if (w.has_expansion || w.has_substitution) return false;
  }
  if (!cmd.assignments.empty() || !cmd.redirections.empty()) return false;
  const std::string_view name = cmd.name();
  const std::string_view tool = install_tool(cmd);
  if (tool.empty()) {
    // Commands that read nothing of the build context.
    const shell::Options opts = shell::parse_options(cmd, name == "npm" ? npm::kSpec : kPipSpec);
    const auto operand = [&](size_t i) -> std::string_view {
      return i < opts.operands.size() ? cmd.argv[opts.operands[i]].text : std::string_view();
    };
    if (sh::one_of(name, {"npm", "yarn"}) && operand(0) == "cache" && operand(1) == "clean") {
      return true;
    }
    if (name == "pnpm" && operand(0) == "store" && operand(1) == "prune") return true;
    if (name == "npm" && npm::install_word(cmd) != 0 && opts.has_any({"g", "global"})) {
      return true;
    }
    if ((name == "pip" || name == "pip3" || name == "gem") && operand(0) == "install" &&
        !opts.has_any({"r", "requirement", "c", "constraint", "e", "editable", "f", "find-links",
                       "src", "file", "g"})) {
      for (size_t i = 1; i < opts.operands.size(); ++i) {
        if (!index_package(operand(i))) return false;
      }
      return opts.operands.size() > 1;
    }
    return false;
  }
  const shell::Options opts = shell::parse_options(
      cmd, tool == "npm" ? npm::kSpec : tool == "pip" ? kPipSpec : shell::OptionSpec{});
  if (moves_elsewhere(cmd, opts)) return false;
  if (tool == "npm") {
    return add({"package.json", "package-lock.json*", "npm-shrinkwrap.json*", ".npmrc*"});
  }
  if (tool == "yarn") return add({"package.json", "yarn.lock*", ".yarnrc*"});
  if (tool == "pnpm") {
    return add({"package.json", "pnpm-lock.yaml*", "pnpm-workspace.yaml*", ".npmrc*"});
  }
  if (tool == "pip") {
    if (opts.has_any({"e", "editable", "f", "find-links", "src"})) return false;
    for (size_t i = 1; i < opts.operands.size(); ++i) {
      if (!index_package(cmd.argv[opts.operands[i]].text)) return false;
    }
    for (const shell::Option& o : opts.options) {
      if (!sh::one_of(o.name, {"r", "requirement", "c", "constraint"})) continue;
      std::string_view file = o.value;
      if (!plain_top_level(file)) return false;
      if (file.substr(0, 2) == "./") file.remove_prefix(2);
      add({file});
    }
    return true;
  }
  if (tool == "pipenv") return add({"Pipfile", "Pipfile.lock*"});
  if (tool == "poetry") return opts.has("no-root") && add({"pyproject.toml", "poetry.lock*"});
  if (tool == "bundle") return add({"Gemfile", "Gemfile.lock*"});
  if (tool == "composer") {
    return opts.has("no-scripts") && opts.has("no-autoloader") &&
           add({"composer.json", "composer.lock*"});
  }
  if (tool == "go") return add({"go.mod", "go.sum*"});
  if (tool == "mvn") return name == "mvn" && add({"pom.xml"});
  if (tool == "gradle") {
    return name == "gradle" && add({"build.gradle*", "settings.gradle*", "gradle.properties*"});
  }
  return false;  // cargo, dotnet: the manifests alone do not build or restore
}

/// The line ending right after `offset` ("\r\n" or "\n"), else the file's.
std::string_view line_ending_at(const FileContext& file, uint32_t offset) {
  const std::string_view text = file.source.text();
  if (text.substr(offset, 2) == "\r\n") return "\r\n";
  if (text.substr(offset, 1) == "\n") return "\n";
  return file.ast.crlf ? "\r\n" : "\n";
}

/// The fix for the install RUN `run` right after the whole-context COPY `copy_index`.
std::optional<Fix> reorder_fix(const FileContext& file, uint32_t copy_index, const InstrRef& run,
                               const shell::Script& script) {
  if (copy_index + 1 != run.index) return std::nullopt;
  const ast::Instruction& copy = file.ast.instructions[copy_index];
  const ast::Instruction& ins = run.instr;
  if (!copy.is(ast::InstrKind::copy) || copy.form != ast::ArgForm::shell ||
      !copy.heredocs.empty() || copy.args.size() != 2 ||
      copy.args[0].value.find('$') != std::string::npos ||
      dockerignore::clean(copy.args[0].value) != ".") {
    return std::nullopt;
  }
  for (const ast::Flag& f : copy.flags) {
    if (!sh::one_of(f.name, {"chown", "chmod", "link"})) return std::nullopt;
  }
  if (ins.form != ast::ArgForm::shell || !ins.heredocs.empty() || script.heredoc ||
      !script.ok() || !script.is_sh()) {
    return std::nullopt;
  }
  for (const model::RunMount& m : file.model.mounts(run.index)) {
    if (m.type == "bind") return std::nullopt;  // may read the context itself
  }
  // The destination: the working directory, where the RUN runs.
  const std::string_view dest = copy.args[1].value;
  std::string new_dest;
  if (dest == "." || dest == "./") {
    new_dest = "./";
  } else if (!dest.empty() && dest.front() == '/' && dest.find('$') == std::string_view::npos) {
    std::string_view d = dest;
    while (d.size() > 1 && d.back() == '/') d.remove_suffix(1);
    const model::WorkdirSetting* wd = file.model.workdir_setting_at(run.index);
    if (!wd || wd->unresolved || wd->path != d) return std::nullopt;
    new_dest = std::string(d) + "/";
  } else {
    return std::nullopt;
  }
  std::vector<std::string> manifests;
  bool any_install = false;
  for (const shell::Command& cmd : script.commands) {
    if (cmd.argv.empty() || cmd.background || !add_manifests(cmd, manifests)) return std::nullopt;
    any_install = any_install || !install_tool(cmd).empty();
  }
  if (!any_install || manifests.empty()) return std::nullopt;

  std::string files;
  for (const std::string& m : manifests) files += (files.empty() ? "" : " ") + m;
  const std::string list = files + " " + new_dest;
  const std::string_view text = file.source.text();
  // The COPY of the context again, after the RUN, with the RUN line's indentation.
  const LineIndex& lines = file.source.lines();
  const uint32_t copy_line_start = lines.line_start(lines.line_of(copy.range.begin));
  const std::string_view indent = text.substr(copy_line_start, copy.range.begin - copy_line_start);
  if (indent.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  Fix fix;
  fix.title = fmt::format("Copy only `{}` before the install and the rest after it", files);
  fix.applicability = Applicability::unsafe;
  fix.edits.push_back({{copy.args[0].range.begin, copy.args[1].range.end}, list});
  fix.edits.push_back({{ins.range.end, ins.range.end},
                       fmt::format("{}{}{}", line_ending_at(file, ins.range.end), indent,
                                   file.source.slice(copy.range))});
  return fix;
}

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t copy_line = 0;  // the first whole-context COPY of the stage; 0 when none yet
  uint32_t copy_index = 0;  // its instruction index
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
          st.copy_index = ref.index;
          return;
        }
      }
      return;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    bool fix_offered = false;
    for (const shell::Command& cmd : script->commands) {
      const std::string_view tool = install_tool(cmd);
      if (tool.empty()) continue;
      if (st.copy_line == 0) {
        if (!contains(st.before, tool)) st.before.push_back(tool);
        continue;
      }
      if (contains(st.before, tool) || contains(st.reported, tool)) continue;
      st.reported.push_back(tool);
      std::optional<Fix> fix;
      if (!fix_offered) {
        fix = reorder_fix(file, st.copy_index, ref, *script);
        fix_offered = true;
      }
      out.report(cmd.range,
                 fmt::format("this install runs again whenever any file of the build context "
                             "changes (`COPY .` on line {}); copy only the {} manifests before "
                             "it and the rest after",
                             st.copy_line, tool),
                 std::move(fix));
    }
  }
};

}  // namespace

const Rule& install_after_context_copy() {
  static const InstallAfterContextCopy rule;
  return rule;
}

}  // namespace dfopt::rules
