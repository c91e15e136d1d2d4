#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3025"};

constexpr RuleInfo kInfo{
    .id = "DF401",
    .name = "shell-form-command",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` in shell form",
    .docs = R"md(## What it does
Flags every `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in the shell form (a plain command
line) instead of the exec form (a JSON array of strings), whatever `SHELL` is in effect.

## Why is this bad?
The shell form runs the command as `/bin/sh -c '<command>'`. The shell becomes PID 1 of the
container: `docker stop` sends `SIGTERM` to the shell, which does not forward it, so the program
is killed after the stop timeout instead of shutting down cleanly. A shell-form `ENTRYPOINT` also
ignores the arguments of `CMD` and `docker run`. The exec form runs the program directly.

This rule is off by default: `json-args-recommended` (DF402) reports the same `CMD` and
`ENTRYPOINT` instructions as BuildKit does, except where a `SHELL` instruction makes the shell
form deliberate. Enable this rule to follow hadolint, which also asks for the exec form in
`HEALTHCHECK CMD`.

## Example
```dockerfile
FROM node:22-alpine
CMD node server.js
HEALTHCHECK CMD wget -q --spider http://localhost:3000/health
```

## Use instead
```dockerfile
FROM node:22-alpine
CMD ["node", "server.js"]
HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:3000/health"]
```

## Fix safety
The fix writes the command as a JSON array, and is offered only when the command has no shell
syntax at all (no `$`, quotes, backslashes, globs, `~`, `&&`, `|`, `;`, redirections, comments,
grouping or leading `NAME=value`, and a first word that is a program rather than a shell builtin)
and no `SHELL` instruction selects another shell. A leading `exec` is dropped. It is unsafe: the
program no longer runs under a shell, so it becomes PID 1 and receives signals itself, and the
environment the shell would have set up (`PWD`, `SHLVL`) is gone.

## References
- hadolint DL3025: the same check (`CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` in shell form, in
  every stage; instructions inside `ONBUILD` are not checked).
- BuildKit `JSONArgsRecommended` differs: it skips `HEALTHCHECK` and stages where a `SHELL` is
  set; see `json-args-recommended` (DF402).
- https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
)md",
};

class ShellFormCommand final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::cmd) | kind_bit(ast::InstrKind::entrypoint) |
           kind_bit(ast::InstrKind::healthcheck);
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.form == ast::ArgForm::exec) return;
    // Arguments the parser rejected (`CMD ["a", 1]`): a syntax error, not a shell form.
    if (ins.args.empty() && !ins.args_text.value.empty()) return;
    std::string_view what = ast::keyword_name(ins.kind);
    const ast::Word* command = nullptr;
    if (ins.is(ast::InstrKind::healthcheck)) {
      // HEALTHCHECK NONE has no command; `HEALTHCHECK CMD` alone is a syntax error.
      if (!ins.healthcheck_type || ins.args.size() < 2) return;
      const std::string_view type = ins.healthcheck_type->value;
      if (type.size() != 3 || std::toupper(static_cast<unsigned char>(type[0])) != 'C' ||
          std::toupper(static_cast<unsigned char>(type[1])) != 'M' ||
          std::toupper(static_cast<unsigned char>(type[2])) != 'D') {
        return;
      }
      what = "HEALTHCHECK CMD";
      command = &ins.args[1];
    } else if (!ins.args.empty()) {
      command = &ins.args.front();
    }
    const TextRange where = command ? command->range : ins.keyword.range;
    std::optional<Fix> fix;
    if (command) {
      fix =
          runtime::exec_form_fix(file, *command, file.model.shell_setting_at(ref.index) == nullptr);
    }
    // The signal argument concerns the container's main process, not a health probe.
    std::string message =
        ins.is(ast::InstrKind::healthcheck)
            ? fmt::format(
                  "`{}` in shell form runs under `/bin/sh -c`; use the exec form "
                  "(a JSON array)",
                  what)
            : fmt::format(
                  "`{}` in shell form runs under `/bin/sh -c`, which does not pass on "
                  "stop signals; use the exec form (a JSON array)",
                  what);
    out.report(where, std::move(message), std::move(fix));
  }
};

}  // namespace

const Rule& shell_form_command() {
  static const ShellFormCommand rule;
  return rule;
}

}  // namespace dfopt::rules
