#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/layers/layer_paths.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF110",
    .name = "chown-after-copy",
    .category = Category::layers,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = {},
    .options = {},
    .summary = "`RUN chown -R` or `chmod -R` of what the `COPY` right before it wrote",
    .docs = R"md(## What it does
Flags `chown -R` and `chmod -R` (also `--recursive`) in a `RUN` that directly follows a `COPY` or
`ADD` of the same stage, when one of the paths it changes is that instruction's destination
(resolved against `WORKDIR`, build variables expanded). Commands after `&&`, `;` and in
subshells count; commands in a branch or after `||` do not.

## Why is this bad?
A layer stores every file whose metadata changed in full. Changing the owner or mode of copied
files in a new layer therefore stores every copied byte twice: once in the `COPY` layer and once in
the `RUN` layer. `COPY --chown` and `COPY --chmod` write the files with the right owner and mode in
the first place, in one layer.

## Example
```dockerfile
FROM alpine:3.20
WORKDIR /app
COPY --from=build /out/app .
RUN chown -R app:app /app
```

## Use instead
```dockerfile
FROM alpine:3.20
WORKDIR /app
COPY --chown=app:app --from=build /out/app .
```

## Fix safety
When the `RUN` holds only that command, with a literal `user:group` (or an octal mode for
`chmod`) and the `COPY` has no `--chown` (`--chmod`) yet, the fix adds the flag to the `COPY` and
deletes the `RUN`. It is unsafe: `chown -R` also changes the destination directory itself and any
file that was there before the `COPY` (from the base image or an earlier instruction), which
`COPY --chown` leaves alone. `COPY --chmod` needs BuildKit (Dockerfile syntax 1.2 or later).

## References
- No peer linter has this check.
- https://docs.docker.com/reference/dockerfile/#copy---chown---chmod
)md",
};

/// A recursive chown/chmod and the operand that names the COPY's destination.
struct Finding {
  const shell::Command* cmd = nullptr;
  std::string_view tool;   // "chown" or "chmod"
  std::string_view value;  // owner or mode
  bool value_literal = false;
};

bool is_octal_mode(std::string_view m) {
  if (m.empty() || m.size() > 4) return false;
  for (char c : m) {
    if (c < '0' || c > '7') return false;
  }
  return true;
}

/// Whether `owner` can be moved to `--chown` unchanged: `user:group` (COPY --chown=user alone
/// sets the group to the user's, chown without a group keeps it).
bool is_movable_owner(std::string_view owner) {
  const size_t colon = owner.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < owner.size() &&
         owner.find_first_of("$`'\" \\") == std::string_view::npos;
}

std::optional<Finding> find_change(const FileContext& file, const InstrRef& ref,
                                   const shell::Script& script, std::string_view dest) {
  const std::string_view workdir = file.model.workdir_at(ref.index);
  for (const shell::Command& cmd : script.commands) {
    if (!cmd.unconditional || cmd.in_substitution || cmd.in_function) continue;
    if (!cmd.is("chown") && !cmd.is("chmod")) continue;
    const shell::Options opts = shell::parse_options(cmd);
    if (!opts.has_any({"R", "recursive"})) continue;
    // chmod modes like `-w` parse as options; only the operands matter here.
    if (opts.operands.size() < 2) continue;
    const shell::Word& first = cmd.argv[opts.operands.front()];
    for (size_t i = 1; i < opts.operands.size(); ++i) {
      const shell::Word& w = cmd.argv[opts.operands[i]];
      if (!w.is_literal()) continue;
      if (layers::resolve_path(workdir, w.text) != dest) continue;
      return Finding{&cmd, cmd.name(), first.text, first.is_literal()};
    }
  }
  return std::nullopt;
}

/// Start of the line holding `offset`.
uint32_t line_begin(std::string_view text, uint32_t offset) {
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

/// One past the line ending after `offset` (or the end of the text).
uint32_t after_line_end(std::string_view text, uint32_t offset) {
  const size_t nl = text.find('\n', offset);
  return nl == std::string_view::npos ? static_cast<uint32_t>(text.size())
                                      : static_cast<uint32_t>(nl + 1);
}

std::optional<Fix> make_fix(const FileContext& file, const InstrRef& ref,
                            const shell::Script& script, const ast::Instruction& copy,
                            const Finding& f) {
  const bool chown = f.tool == "chown";
  if (!f.value_literal) return std::nullopt;
  if (chown ? !is_movable_owner(f.value) : !is_octal_mode(f.value)) return std::nullopt;
  if (copy.flag(chown ? "chown" : "chmod")) return std::nullopt;
  // The RUN must hold nothing else, so that deleting it loses nothing.
  const ast::Instruction& run = ref.instr;
  if (script.commands.size() != 1 || run.form != ast::ArgForm::shell || !run.heredocs.empty() ||
      !run.flags.empty() || !script.ok()) {
    return std::nullopt;
  }
  const std::string_view text = file.source.text();
  const std::string flag = fmt::format("--{}={} ", f.tool, f.value);
  // Before the first flag or source, so that the keyword's spacing stays as written.
  const uint32_t at = copy.flags.empty() ? copy.args.front().range.begin : copy.flags.front().range.begin;
  Fix fix;
  fix.title = fmt::format("Add `--{}={}` to the `{}` and remove the `RUN`", f.tool, f.value,
                          ast::keyword_name(copy.kind));
  fix.applicability = Applicability::unsafe;
  fix.edits.push_back({{at, at}, flag});
  fix.edits.push_back(
      {{line_begin(text, run.range.begin), after_line_end(text, run.range.end)}, ""});
  return fix;
}

class ChownAfterCopy final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.in_onbuild || ref.index == 0 || ref.stage == model::npos) return;
    const ast::Instruction& prev = file.ast.instructions[ref.index - 1];
    if (!prev.is(ast::InstrKind::copy) && !prev.is(ast::InstrKind::add)) return;
    if (file.model.stage_of(ref.index - 1) != ref.stage) return;
    const std::string dest = layers::copy_destination(file.model, ref.index - 1, prev);
    if (dest.empty()) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const std::optional<Finding> f = find_change(file, ref, *script, dest);
    if (!f) return;
    const std::string_view kw = ast::keyword_name(prev.kind);
    out.report(f->cmd->range,
               fmt::format("`{} -R` of '{}' after `{}` stores the copied files again in a new "
                           "layer; use `{} --{}={}`",
                           f->tool, dest, kw, kw, f->tool, f->value),
               make_fix(file, ref, *script, prev, *f));
  }
};

}  // namespace

const Rule& chown_after_copy() {
  static const ChownAfterCopy rule;
  return rule;
}

}  // namespace dfopt::rules
