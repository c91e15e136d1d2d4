#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3059"};

constexpr RuleOption kOptions[] = {
    {"multi-command", "false",
     "also report RUNs that run several commands (hadolint's DL3059 takes them as deliberately "
     "separate)"},
};

constexpr RuleInfo kInfo{
    .id = "DF101",
    .name = "consecutive-run",
    .category = Category::layers,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "a `RUN` right after another `RUN`, each with a single command",
    .docs = R"md(## What it does
Flags a `RUN` that directly follows another `RUN` of the same stage (comment lines in between do
not matter; any other instruction does) when both have the same flags (`--mount`, `--network`,
`--security`, compared by meaning, so the order of mount options does not matter) and each runs at
most one command. A `RUN` with more commands (`a && b`, `a; b`, a pipeline, a command
substitution) is taken as deliberately separate, and so is the `RUN` after it. Commands are
counted as hadolint counts them: those inside `sh -c "..."` strings, tests (`[ ]`) and commands
without a literal name do not count. A `RUN` whose shell is not `sh` (a PowerShell `SHELL`) is
not checked.

With `multi-command = true` (off by default, so that the rule stays hadolint's DL3059), every
`RUN` right after a `RUN` with the same flags is reported, whatever the number of commands:
`RUN apk add ...` followed by `RUN addgroup ... && adduser ...` is one layer too many as well.

## Why is this bad?
Each `RUN` creates a layer and a cache step. Two one-command steps in a row usually belong
together: merged, they build one layer, and files that the second step deletes never reach the
image.

## Example
```dockerfile
FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends ca-certificates
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && \
    apt-get install -y --no-install-recommends ca-certificates
```

## Fix safety
The fix joins the two commands with ` && \` and a line continuation, keeping the text of both
commands byte for byte and the comment lines between them (blank lines between them are
removed). It is offered when both `RUN`s are in the shell form without heredocs, parse without
errors, and the first one ends with its command (not with an operator, a compound command's
keyword or a shell comment) and does not change the shell's state for the second (`cd`,
`export`, `set`, `source`, `exec`, an assignment...). It is unsafe:
the second command no longer runs in a fresh shell, and the build cache of both steps is
replaced by one.

## References
- hadolint DL3059: the same check at the default options (hadolint has no `multi-command`).
  hadolint counts each command twice (ShellCheck lists a simple command and its redirection
  wrapper), so its "more than 2 commands" means more than one.
- https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers
)md",
};

/// A RUN as the rule remembers it.
struct Run {
  uint32_t index = 0;
  size_t commands = 0;
  std::vector<std::string> flags;  // canonical, sorted
};

struct State final : RuleState {
  std::optional<Run> previous;  // the last instruction, when it is a RUN
};

/// Mount options as BuildKit reads them: keys that mean the same are spelled the same way, and
/// fields are compared as a set.
std::string canonical_mount(const model::RunMount& m) {
  std::vector<std::string> parts;
  parts.push_back("type=" + m.type);
  for (const auto& [key, value] : m.fields) {
    if (key == "type") continue;
    std::string k = key;
    if (k == "src") k = "source";
    if (k == "dst" || k == "destination") k = "target";
    if (k == "ro") k = "readonly";
    parts.push_back(value ? k + "=" + *value : k);
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string out = "mount:";
  for (const std::string& p : parts) out += p + ",";
  return out;
}

std::vector<std::string> canonical_flags(const FileContext& file, uint32_t index,
                                         const ast::Instruction& ins) {
  std::vector<std::string> out;
  const auto mounts = file.model.mounts(index);
  for (uint32_t f = 0; f < ins.flags.size(); ++f) {
    const auto m = std::find_if(mounts.begin(), mounts.end(),
                                [&](const model::RunMount& rm) { return rm.flag_index == f; });
    out.push_back(m != mounts.end() ? canonical_mount(*m) : ins.flags[f].text);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Offset one past the last content byte of the line holding `offset` (before "\r\n" or "\n").
uint32_t line_content_end(std::string_view text, uint32_t offset) {
  size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos) return static_cast<uint32_t>(text.size());
  if (nl > offset && text[nl - 1] == '\r') --nl;
  return static_cast<uint32_t>(nl);
}

/// Builtins whose effect on the shell would carry over to a command joined after them.
constexpr std::string_view kStatefulBuiltins[] = {
    "cd",     "pushd", "popd",    "export",  "set",      "unset", "source",
    ".",      "exec",  "exit",    "alias",   "shopt",    "trap",  "umask",
    "ulimit", "eval",  "declare", "typeset", "readonly", "local", "shift"};

/// The RUN's script can be followed by ` && <next command>` with the same meaning for the next
/// command as in its own RUN.
bool joinable_first(const FileContext& file, const ast::Instruction& ins,
                    const shell::Script& script) {
  if (ins.form != ast::ArgForm::shell || !ins.heredocs.empty() || script.heredoc || !script.ok()) {
    return false;
  }
  // The script must end with its last command: a trailing `;`, `&`, the `fi` of a compound
  // command or a shell comment (which would swallow the `&&`) leaves text after it.
  uint32_t end = 0;
  for (const shell::Command& c : script.commands) end = std::max(end, c.range.end);
  if (end == 0 || end > ins.range.end) return false;
  const std::string_view rest = file.source.text().substr(end, ins.range.end - end);
  if (rest.find_first_not_of(" \t\r") != std::string_view::npos) return false;
  for (const shell::Command& c : script.commands) {
    if (c.background || c.argv.empty()) return false;
    if (std::find(std::begin(kStatefulBuiltins), std::end(kStatefulBuiltins), c.name()) !=
        std::end(kStatefulBuiltins)) {
      return false;
    }
  }
  return true;
}

std::optional<Fix> merge_fix(const FileContext& file, const ast::Instruction& first,
                             const shell::Script& first_script, const ast::Instruction& second,
                             const shell::Script& second_script) {
  if (!joinable_first(file, first, first_script)) return std::nullopt;
  if (second.form != ast::ArgForm::shell || !second.heredocs.empty() || second_script.heredoc ||
      !second_script.ok() || second.args_text.range.empty()) {
    return std::nullopt;
  }
  const std::string_view text = file.source.text();
  const LineIndex& lines = file.source.lines();
  const uint32_t first_end = line_content_end(text, first.range.end);
  const uint32_t second_line = lines.line_of(second.keyword.range.begin);
  const uint32_t second_begin = lines.line_start(second_line);
  if (text.substr(second_begin, second.keyword.range.begin - second_begin)
          .find_first_not_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  Fix fix;
  fix.title = "Merge the two `RUN` instructions with `&&`";
  fix.applicability = Applicability::unsafe;
  fix.edits.push_back({{first_end, first_end}, fmt::format(" && {}", file.ast.escape)});
  // Blank lines between the two would become empty continuation lines; comment lines stay.
  for (uint32_t l = lines.line_of(first_end) + 1; l < second_line; ++l) {
    const uint32_t b = lines.line_start(l);
    const uint32_t e = line_content_end(text, b);
    if (text.substr(b, e - b).find_first_not_of(" \t\r") == std::string_view::npos) {
      fix.edits.push_back({{b, lines.line_start(l + 1)}, ""});
    }
  }
  fix.edits.push_back({{second_begin, second.args_text.range.begin}, "    "});
  return fix;
}

class ConsecutiveRun final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kAllKinds; }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) {
      st.previous.reset();
      return;
    }
    Run run{ref.index, hadolint::present_commands(*script).size(),
            canonical_flags(file, ref.index, ref.instr)};
    const bool multi = file.option(kInfo, "multi-command") == "true";
    if (st.previous && st.previous->flags == run.flags &&
        (multi || (st.previous->commands <= 1 && run.commands <= 1))) {
      const ast::Instruction& first = file.ast.instructions[st.previous->index];
      const shell::Script& first_script = file.script(st.previous->index);
      out.report(ref.instr.keyword.range,
                 fmt::format("`RUN` right after the `RUN` on line {} adds a layer; merge the two "
                             "with `&&`",
                             first.start_line),
                 merge_fix(file, first, first_script, ref.instr, *script));
    }
    // hadolint keeps comparing with the first RUN of a reported series, which decides the same
    // way (same flags, one command each); the fix needs the RUN just before.
    st.previous = std::move(run);
  }
};

}  // namespace

const Rule& consecutive_run() {
  static const ConsecutiveRun rule;
  return rule;
}

}  // namespace dfopt::rules
