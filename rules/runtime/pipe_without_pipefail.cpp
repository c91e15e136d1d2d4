#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4006"};

constexpr RuleInfo kInfo{
    .id = "DF414",
    .name = "pipe-without-pipefail",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`RUN` with a pipe while the stage's `SHELL` does not set `-o pipefail`",
    .docs = R"md(## What it does
Flags a `RUN` whose commands contain a pipe (`|` or `|&`, anywhere the shell parses it: also in
subshells and `$(...)`) unless an earlier `SHELL` of the same stage runs `bash`, `zsh` or `ash`
(by base name, so `/usr/bin/bash` counts) with the option `-o pipefail`, or is a non-POSIX shell
(`pwsh`, `powershell`, `cmd`). Each `FROM` starts over: a stage does not inherit the `SHELL` of
the stage it is built from here, even though BuildKit carries it over, so repeat the `SHELL` in
each stage. A `RUN` inside `ONBUILD`, pipes inside `sh -c "..."` strings and exec-form `RUN`s
are not checked.

## Why is this bad?
A pipeline's exit status is that of its last command. In `RUN wget -O - https://example.com/x |
tar -xz`, a failed download still lets the step succeed (`tar` reads an empty stream, or part of
one), and the image is built without the file. With `pipefail` the pipeline fails when any of
its commands fails, and the build stops at the real error.

## Example
```dockerfile
FROM debian:12
RUN wget -O - https://example.com/tool.tar.gz | tar -xz -C /opt
```

## Use instead
```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN wget -O - https://example.com/tool.tar.gz | tar -xz -C /opt
```
On Alpine, whose `/bin/sh` is BusyBox `ash`, use `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`.

## References
- hadolint DL4006: the same check. A `SHELL` is read as hadolint reads it: its words joined and
  parsed as one command whose name's base name must be `bash`, `zsh` or `ash`, with an `o` flag
  and a `pipefail` argument anywhere.
- Trivy DS-0032 (pending upstream) is similar.
- https://docs.docker.com/build/building/best-practices/#using-pipes
)md",
};

struct State final : RuleState {
  /// The stage's last `SHELL` sets pipefail or is not a POSIX shell (hadolint resets it at FROM).
  bool exempt = false;
};

/// hadolint reads a SHELL by joining its words and parsing the result as a shell command.
std::vector<std::string_view> shell_words(const ast::Instruction& ins) {
  std::vector<std::string_view> words;
  for (const ast::Word& w : ins.args) {
    std::string_view v = w.value;
    while (!v.empty()) {
      const size_t b = v.find_first_not_of(" \t\r\n");
      if (b == std::string_view::npos) break;
      v.remove_prefix(b);
      const size_t e = std::min(v.find_first_of(" \t\r\n"), v.size());
      words.push_back(v.substr(0, e));
      v.remove_prefix(e);
    }
  }
  return words;
}

bool exempting_shell(const ast::Instruction& ins) {
  const std::vector<std::string_view> words = shell_words(ins);
  if (words.empty()) return false;
  for (std::string_view p : {"pwsh", "powershell", "cmd"}) {
    if (words.front().starts_with(p)) return true;
  }
  std::string_view base = words.front();
  if (const size_t slash = base.rfind('/'); slash != std::string_view::npos) {
    base.remove_prefix(slash + 1);
  }
  if (!sh::one_of(base, {"bash", "zsh", "ash"})) return false;
  bool o_flag = false;
  bool pipefail = false;
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string_view a = words[i];
    if (a == "pipefail") pipefail = true;
    if (a.size() < 2 || a[0] != '-' || a == "--") continue;
    if (a[1] == '-') {
      // `--name[=value]` is the flag `name`.
      std::string_view name = a.substr(2);
      name = name.substr(0, name.find('='));
      o_flag = o_flag || name == "o";
    } else {
      o_flag = o_flag || a.find('o', 1) != std::string_view::npos;  // `-eo`: flags e and o
    }
  }
  return o_flag && pipefail;
}

/// The first pipe operator (`|` or `|&`) ShellCheck sees. The shell model gives commands, not
/// operators, so the operator is found in the source next to a command of the pipeline: after
/// one that has a successor, over blanks, `)`, `}`, `;` and line continuations; or before one
/// that is joined by it, over blanks, `(` and `{`.
std::optional<TextRange> first_pipe(const shell::Script& script, std::string_view text,
                                    char escape) {
  // Length of the line continuation ending at `i` (exclusive) or starting at `i`, 0 if none.
  auto continuation_before = [&](uint32_t i) -> uint32_t {
    if (i >= 2 && text[i - 1] == '\n' && text[i - 2] == escape) return 2;
    if (i >= 3 && text[i - 1] == '\n' && text[i - 2] == '\r' && text[i - 3] == escape) return 3;
    return 0;
  };
  auto continuation_at = [&](uint32_t i) -> uint32_t {
    if (i + 1 < text.size() && text[i] == escape && text[i + 1] == '\n') return 2;
    if (i + 2 < text.size() && text[i] == escape && text[i + 1] == '\r' && text[i + 2] == '\n') {
      return 3;
    }
    return 0;
  };
  for (const shell::Command& c : script.commands) {
    // In `(a) | (b)` the joiner of the second subshell is recorded on its first command.
    const bool has_next = c.pipeline_index + 1 < c.pipeline_size;
    const bool joined = c.pipeline_index > 0 || c.op == shell::Joiner::pipe;
    if ((!has_next && !joined) || !hadolint::visible_to_shellcheck(script, c)) continue;
    if (has_next) {
      uint32_t i = c.range.end;
      while (i < text.size()) {
        if (std::string_view(" \t)};").find(text[i]) != std::string_view::npos) {
          ++i;
        } else if (const uint32_t n = continuation_at(i)) {
          i += n;
        } else {
          break;
        }
      }
      if (i < text.size() && text[i] == '|') {
        const bool amp = i + 1 < text.size() && text[i + 1] == '&';
        return TextRange{i, i + (amp ? 2u : 1u)};
      }
    }
    if (joined) {
      uint32_t i = c.range.begin;
      while (i > 0) {
        if (std::string_view(" \t({").find(text[i - 1]) != std::string_view::npos) {
          --i;
        } else if (const uint32_t n = continuation_before(i)) {
          i -= n;
        } else {
          break;
        }
      }
      if (i >= 1 && text[i - 1] == '|') return TextRange{i - 1, i};
      if (i >= 2 && text[i - 1] == '&' && text[i - 2] == '|') return TextRange{i - 2, i};
    }
    return c.range;  // the operator is not next to the command (a comment line in between)
  }
  return std::nullopt;
}

class PipeWithoutPipefail final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return sh::kRun | kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::shell);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.is(ast::InstrKind::from)) {
      st.exempt = false;
      return;
    }
    if (ins.is(ast::InstrKind::shell)) {
      st.exempt = exempting_shell(ins);
      return;
    }
    if (st.exempt) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const std::optional<TextRange> pipe = first_pipe(*script, file.source.text(), file.ast.escape);
    if (!pipe) return;
    out.report(*pipe,
               "this pipe hides the failure of any command but the last; set `SHELL "
               "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this `RUN`");
  }
};

}  // namespace

const Rule& pipe_without_pipefail() {
  static const PipeWithoutPipefail rule;
  return rule;
}

}  // namespace dfopt::rules
