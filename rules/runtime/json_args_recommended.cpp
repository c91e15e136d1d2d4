#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"JSONArgsRecommended"};

constexpr RuleInfo kInfo{
    .id = "DF402",
    .name = "json-args-recommended",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`CMD` or `ENTRYPOINT` in shell form while no `SHELL` is set",
    .docs = R"md(## What it does
Flags a `CMD` or `ENTRYPOINT` written in the shell form (a plain command line) when no `SHELL`
instruction is in effect: none earlier in the stage, and none in the stages it builds `FROM`.
An `ONBUILD CMD` or `ONBUILD ENTRYPOINT` is checked where BuildKit runs it: in a stage of the same
file that builds `FROM` this one (and that the build reaches).

## Why is this bad?
The shell form runs the command as `/bin/sh -c '<command>'`. The shell becomes PID 1 of the
container: `docker stop` sends `SIGTERM` to the shell, which does not forward it, so the program
is killed after the stop timeout instead of shutting down cleanly. A shell-form `ENTRYPOINT` also
ignores the arguments of `CMD` and `docker run`. With a `SHELL` instruction the shell form is a
deliberate choice (PowerShell, `bash -o pipefail`) and is not reported.

## Example
```dockerfile
FROM python:3.13-slim
ENTRYPOINT python -m app
```

## Use instead
```dockerfile
FROM python:3.13-slim
ENTRYPOINT ["python", "-m", "app"]
```

## Fix safety
The fix writes the command as a JSON array, and is offered only when the command has no shell
syntax at all (no `$`, quotes, backslashes, globs, `~`, `&&`, `|`, `;`, redirections, comments,
grouping or leading `NAME=value`, and a first word that is a program rather than a shell builtin).
A leading `exec` is dropped. It is unsafe: the program no longer runs under a shell, so it becomes
PID 1 and receives signals itself, and the environment the shell would have set up (`PWD`,
`SHLVL`) is gone.

## References
- BuildKit `JSONArgsRecommended`: the same check. BuildKit also honours a `SHELL` recorded in an
  external base image's config, which a static analysis cannot see.
- hadolint DL3025 differs: it ignores `SHELL` and also checks `HEALTHCHECK CMD`; see
  `shell-form-command` (DF401).
- https://docs.docker.com/reference/build-checks/json-args-recommended/
)md",
};

struct State final : RuleState {
  std::vector<uint32_t> trigger_child;  // per stage: a reachable stage built FROM it, or npos
  std::vector<uint8_t> onbuild_shell;   // per stage: an `ONBUILD SHELL [...]` seen so far
};

class JsonArgsRecommended final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::cmd) | kind_bit(ast::InstrKind::entrypoint) |
           kind_bit(ast::InstrKind::shell);
  }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->trigger_child = runtime::onbuild_trigger_children(file.model);
    st->onbuild_shell.assign(file.model.stages().size(), 0);
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    const bool in_stage = ref.stage != model::npos && ref.stage < st.trigger_child.size();
    if (ins.is(ast::InstrKind::shell)) {
      // Triggers run in order, so an ONBUILD SHELL applies to the ONBUILD CMDs after it. A
      // top-level SHELL is in the model already.
      if (ref.in_onbuild && in_stage && ins.form == ast::ArgForm::exec) {
        st.onbuild_shell[ref.stage] = 1;
      }
      return;
    }
    if (ins.form == ast::ArgForm::exec) return;
    // Arguments the parser rejected (`CMD ["a", 1]`) fail the build before any check runs.
    if (ins.args.empty() && !ins.args_text.value.empty()) return;

    std::string where_runs;
    if (ref.in_onbuild) {
      if (!in_stage) return;
      const uint32_t child = st.trigger_child[ref.stage];
      if (child == model::npos || st.onbuild_shell[ref.stage]) return;
      // The triggers run first in the child, with the shell this stage ends with.
      if (file.model.shell_setting_at(file.model.stage(child).from_instr) != nullptr) return;
      where_runs = fmt::format(" (this ONBUILD trigger runs in {})",
                               runtime::stage_label(file.model, child));
    } else if (file.model.shell_setting_at(ref.index) != nullptr) {
      return;
    }

    const std::string_view what = ast::keyword_name(ins.kind);
    std::optional<Fix> fix;
    TextRange where = ins.keyword.range;
    if (!ins.args.empty()) {
      where = ins.args.front().range;
      fix = runtime::exec_form_fix(file, ins.args.front(), /*default_shell=*/true);
    }
    out.report(where,
               fmt::format("use JSON arguments for `{}` to prevent unintended behavior related "
                           "to OS signals{}",
                           what, where_runs),
               std::move(fix));
  }
};

}  // namespace

const Rule& json_args_recommended() {
  static const JsonArgsRecommended rule;
  return rule;
}

}  // namespace dfopt::rules
