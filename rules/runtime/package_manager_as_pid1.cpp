#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/runtime/final_stage_chain.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF421",
    .name = "package-manager-as-pid1",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary =
        "the container's main process is `npm start` (or yarn/pnpm), which does not "
        "forward signals",
    .docs = R"md(## What it does
Looks at the command the image the build produces starts with (the last `CMD` or `ENTRYPOINT` of
the target stage and of the stages it is built `FROM`) and flags `npm`, `yarn` or `pnpm` running
a package script: `start`, `run <script>` or `run-script <script>`, in exec form
(`CMD ["npm", "start"]`) or shell form (`CMD npm start`, also after `exec`).

A `CMD` is only checked when no `ENTRYPOINT` is set in the file, or when the `ENTRYPOINT` is the
official Node.js images' `docker-entrypoint.sh`, which `exec`s the command; any other
`ENTRYPOINT` (an init such as `tini` or a script of your own) may handle signals itself.

## Why is this bad?
The container's first process is PID 1: it receives the `SIGTERM` of `docker stop` and of
Kubernetes, and the kernel gives it no default signal handlers. npm runs the script in a child
shell and does not pass the signal on reliably, so the application never hears it, cannot close
connections or finish requests, and is killed with `SIGKILL` after the grace period (10 s by
default). npm also adds a process and its memory to every container.

## Example
```dockerfile
FROM node:22-alpine
COPY . /app
WORKDIR /app
CMD ["npm", "start"]
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY . /app
WORKDIR /app
CMD ["node", "server.js"]
```
or keep the script behind an init that forwards signals: `ENTRYPOINT ["tini", "--"]`, or
`docker run --init`.

## References
- No hadolint, BuildKit, Trivy or Checkov rule checks this.
- https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#cmd
- https://docs.docker.com/reference/dockerfile/#entrypoint
)md",
};

std::string_view basename(std::string_view s) {
  const size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

/// "npm start", "yarn run dev"... when argv starts a package script, "" otherwise.
std::string package_script(const std::vector<std::string_view>& argv) {
  size_t i = 0;
  if (i < argv.size() && argv[i] == "exec") ++i;  // `exec npm start` in shell form
  if (i + 1 >= argv.size()) return "";
  const std::string_view tool = basename(argv[i]);
  if (tool != "npm" && tool != "yarn" && tool != "pnpm") return "";
  const std::string_view sub = argv[i + 1];
  if (sub == "start") return fmt::format("{} start", tool);
  if ((sub == "run" || sub == "run-script") && i + 2 < argv.size()) {
    return fmt::format("{} {} {}", tool, sub, argv[i + 2]);
  }
  return "";
}

/// The words of a CMD/ENTRYPOINT: JSON elements, or the shell-form text split at blanks (enough
/// to see the leading command words).
std::vector<std::string_view> words(const ast::Instruction& ins) {
  std::vector<std::string_view> out;
  if (ins.form == ast::ArgForm::exec) {
    for (const ast::Word& w : ins.args) out.push_back(w.value);
    return out;
  }
  const std::string_view text = ins.args_text.value;
  size_t i = 0;
  while (i < text.size() && out.size() < 4) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    size_t e = i;
    while (e < text.size() && text[e] != ' ' && text[e] != '\t' && text[e] != '\n') ++e;
    if (e > i) out.push_back(text.substr(i, e - i));
    i = e;
  }
  return out;
}

class PackageManagerAsPid1 final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const std::vector<uint32_t> chain = runtime::target_chain(file.model);
    if (chain.empty()) return;
    const uint32_t entry =
        runtime::last_in_chain(file.ast, chain, file.model, ast::InstrKind::entrypoint);
    uint32_t start = entry;
    if (entry != model::npos) {
      const std::vector<std::string_view> argv = words(file.ast.instructions[entry]);
      if (!package_script(argv).empty()) {
        report(file.ast.instructions[entry], package_script(argv), out);
        return;
      }
      // The Node.js images' entrypoint ends in `exec "$@"`: the CMD becomes PID 1.
      if (argv.empty() || basename(argv.front()) != "docker-entrypoint.sh") return;
      start = model::npos;
    }
    const uint32_t cmd = runtime::last_in_chain(file.ast, chain, file.model, ast::InstrKind::cmd);
    if (cmd == model::npos || start != model::npos) return;
    const ast::Instruction& ins = file.ast.instructions[cmd];
    const std::string script = package_script(words(ins));
    if (!script.empty()) report(ins, script, out);
  }

 private:
  static void report(const ast::Instruction& ins, const std::string& script, Reporter& out) {
    const TextRange range = ins.args_text.range.end > ins.args_text.range.begin
                                ? ins.args_text.range
                                : ins.keyword.range;
    out.report(range, fmt::format("`{}` runs as PID 1 and does not forward SIGTERM to the app; "
                                  "start the app directly (e.g. `node server.js`) or behind an "
                                  "init such as tini",
                                  script));
  }
};

}  // namespace

const Rule& package_manager_as_pid1() {
  static const PackageManagerAsPid1 rule;
  return rule;
}

}  // namespace dfopt::rules
