#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3003"};

constexpr RuleInfo kInfo{
    .id = "DF722",
    .name = "cd-in-run",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`cd` in `RUN` instead of `WORKDIR`",
    .docs = R"md(## What it does
Flags every `cd` command in a `RUN`: after `&&`, `||` or `;`, in pipelines, subshells, `$(...)`
and the body of `RUN <<EOF`. The name is read as hadolint reads it: the literal first word, or the
word after `busybox`, `builtin`, `command` or `exec`. Commands inside `sh -c "..."` strings and
the `RUN` inside `ONBUILD` are not checked.

## Why is this bad?
A `cd` lasts until the end of its `RUN`, so every later `RUN` that needs the same directory has to
repeat it, and a relative path in a later instruction silently refers to another directory.
`WORKDIR` sets the working directory once for every following `RUN`, `CMD`, `ENTRYPOINT`, `COPY`
and `ADD` of the stage, creates it when missing, and documents it in the image.

## Example
```dockerfile
FROM golang:1.23
COPY . /src
RUN cd /src && go build -o /out/app .
```

## Use instead
```dockerfile
FROM golang:1.23
COPY . /src
WORKDIR /src
RUN go build -o /out/app .
```

## Fix safety
A fix is offered only for a `RUN` that starts with `cd <absolute path> &&` (a plain path, no
variable, quote or wildcard), in the shell form and without a heredoc, when nothing in the `RUN`
uses the previous directory (`cd -`, `$OLDPWD`) and every `--mount` target is absolute. It
writes `WORKDIR <path>` above the `RUN` and removes `cd <path> &&`. Because `WORKDIR` stays in
effect, the fix also writes `WORKDIR <previous directory>` after the `RUN` unless the stage sets
an absolute `WORKDIR` again before anything that depends on the working directory (a `RUN`,
`CMD`, `ENTRYPOINT`, `HEALTHCHECK`, `ONBUILD`, `VOLUME`, a relative `COPY`/`ADD` destination or
`WORKDIR`, or the end of a stage whose image is used); when the previous directory is not known
(it comes from an external base image), no fix is offered. The fix is unsafe: `WORKDIR` creates
a missing directory where `cd` would have failed the build.

## References
- hadolint DL3003: the same check.
- Trivy DS-0013 differs: it splits the `RUN` text at `&&` and flags a part that starts with `cd `,
  so it misses `cd` after `;` or `||`, in a pipeline or a subshell, and can match text inside a
  quoted string.
- https://docs.docker.com/build/building/best-practices/#workdir
)md",
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// A path `cd` and `WORKDIR` read the same way: absolute, and free of quoting, expansion,
/// globbing and whitespace.
bool plain_absolute_path(std::string_view p, char escape) {
  if (p.empty() || p.front() != '/') return false;
  for (char c : p) {
    if (c == escape ||
        std::string_view(" \t\r\n'\"$`\\*?[]{}~#").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

/// Offset one past the last content byte of the line holding `offset` (before "\r\n" or "\n").
uint32_t line_content_end(std::string_view text, uint32_t offset) {
  size_t nl = text.find('\n', offset);
  if (nl == std::string_view::npos) return static_cast<uint32_t>(text.size());
  if (nl > offset && text[nl - 1] == '\r') --nl;
  return static_cast<uint32_t>(nl);
}

/// Whether instruction `ins` reads the working directory that a `WORKDIR` before it would set.
/// An absolute `WORKDIR` does not; `nullopt` means it replaces the working directory.
std::optional<bool> uses_workdir(const ast::Instruction& ins) {
  using K = ast::InstrKind;
  switch (ins.kind) {
    case K::workdir:
      if (!ins.args_text.value.empty() && ins.args_text.value.front() == '/') return std::nullopt;
      return true;
    case K::arg:
    case K::env:
    case K::label:
    case K::expose:
    case K::user:
    case K::stopsignal:
    case K::maintainer:
    case K::shell:
      return false;
    case K::copy:
    case K::add: {
      // The destination is resolved against WORKDIR when relative.
      if (ins.args.empty()) return true;
      const std::string_view dest = ins.args.back().value;
      return dest.empty() || dest.front() != '/';
    }
    default:
      return true;  // RUN, CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD, VOLUME, FROM...
  }
}

class CdInRun final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const hadolint::PresentCommand& c : hadolint::present_commands(*script)) {
      if (!c.is("cd")) continue;
      std::optional<Fix> fix;
      if (c.cmd == &script->commands.front() && c.name_word == 0) {
        fix = workdir_fix(file, ref, *script);
      }
      std::string message =
          fix ? fmt::format("use `WORKDIR {0}` instead of `cd {0}` to switch to a directory",
                            c.cmd->argv[1].text)
              : std::string("use `WORKDIR` instead of `cd` to switch to a directory");
      out.report(c.cmd->range, std::move(message), std::move(fix));
    }
  }

 private:
  /// The fix for a RUN starting with `cd /abs &&`: `WORKDIR /abs` above it, and the previous
  /// directory restored after it when a later instruction would see the change.
  static std::optional<Fix> workdir_fix(const FileContext& file, const InstrRef& ref,
                                        const shell::Script& script) {
    const ast::Instruction& ins = ref.instr;
    const std::string_view text = file.source.text();
    const char escape = file.ast.escape;
    if (ref.in_onbuild || ins.form != ast::ArgForm::shell || script.heredoc ||
        !ins.heredocs.empty() || !script.ok() || script.commands.size() < 2) {
      return std::nullopt;
    }
    const shell::Command& cd = script.commands[0];
    const shell::Command& next = script.commands[1];
    if (cd.origin != shell::Origin::script || cd.depth != 0 || cd.background ||
        cd.argv.size() != 2 || !cd.assignments.empty() || !cd.redirections.empty() ||
        next.op != shell::Joiner::and_if) {
      return std::nullopt;
    }
    const shell::Word& dir = cd.argv[1];
    if (!dir.is_literal() || dir.quoted || !plain_absolute_path(dir.text, escape) ||
        file.source.slice(dir.range) != dir.text) {
      return std::nullopt;
    }
    // Nothing may depend on the directory the RUN started in.
    for (const shell::Command& c : script.commands) {
      if (c.is("cd") && c.has_arg("-")) return std::nullopt;
    }
    if (ins.args_text.value.find("OLDPWD") != std::string::npos) return std::nullopt;
    // A relative mount target is resolved against the working directory.
    for (const model::RunMount& m : file.model.mounts(ref.index)) {
      if (m.target.empty() || m.target.front() != '/') return std::nullopt;
    }

    // The bytes to delete: `cd /abs`, blanks, `&&`, blanks, and a line continuation after it
    // when the next line holds the rest of the command (not a comment or an empty line).
    uint32_t p = dir.range.end;
    while (p < text.size() && is_blank(text[p])) ++p;
    if (text.substr(p, 2) != "&&") return std::nullopt;
    p += 2;
    while (p < text.size() && is_blank(text[p])) ++p;
    if (p < text.size() && text[p] == escape) {
      uint32_t q = p + 1;
      while (q < text.size() && is_blank(text[q])) ++q;
      if (q < text.size() && text[q] == '\r') ++q;
      if (q < text.size() && text[q] == '\n') {
        ++q;
        uint32_t r = q;
        while (r < text.size() && is_blank(text[r])) ++r;
        if (r < text.size() && text[r] != '#' && text[r] != '\n' && text[r] != '\r') p = r;
      }
    }
    if (p >= ins.range.end) return std::nullopt;

    // Where the directory has to be restored, and to what.
    const model::Model& model = file.model;
    if (ref.stage == model::npos) return std::nullopt;
    const model::Stage& stage = model.stage(ref.stage);
    bool restore = sh::final_or_base_stage(model, ref.stage);
    for (uint32_t j = ref.index + 1; j < stage.end_instr; ++j) {
      const std::optional<bool> uses = uses_workdir(file.ast.instructions[j]);
      if (!uses) {
        restore = false;
        break;
      }
      if (*uses) {
        restore = true;
        break;
      }
    }
    std::string previous;
    if (restore) {
      if (const model::WorkdirSetting* w = model.workdir_setting_at(ref.index)) {
        if (w->unresolved || !w->valid || w->relative_to_unknown_base) return std::nullopt;
        previous = w->path;
      } else if (!stage.inherits_external_image) {
        previous = "/";
      } else {
        return std::nullopt;
      }
      if (!plain_absolute_path(previous, escape)) return std::nullopt;
      if (previous == dir.text) restore = false;
    }

    const uint32_t line_begin =
        file.source.lines().line_start(file.source.position(ins.keyword.range.begin).line);
    const std::string_view indent = text.substr(line_begin, ins.keyword.range.begin - line_begin);
    if (indent.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
    const bool lower = ins.keyword.value == "run";
    const std::string_view keyword = lower ? "workdir" : "WORKDIR";
    const std::string_view eol = file.ast.crlf ? "\r\n" : "\n";

    Fix fix;
    fix.applicability = Applicability::unsafe;
    fix.edits.push_back(
        {{line_begin, line_begin}, fmt::format("{}{} {}{}", indent, keyword, dir.text, eol)});
    fix.edits.push_back({{cd.range.begin, p}, ""});
    if (restore) {
      const uint32_t end = line_content_end(text, ins.range.end);
      fix.edits.push_back({{end, end}, fmt::format("{}{}{} {}", eol, indent, keyword, previous)});
      fix.title = fmt::format(
          "Replace `cd {0}` with `WORKDIR {0}` and restore `WORKDIR {1}` after "
          "the `RUN`",
          dir.text, previous);
    } else {
      fix.title = fmt::format("Replace `cd {0}` with `WORKDIR {0}`", dir.text);
    }
    return fix;
  }
};

}  // namespace

const Rule& cd_in_run() {
  static const CdInRun rule;
  return rule;
}

}  // namespace dfopt::rules
