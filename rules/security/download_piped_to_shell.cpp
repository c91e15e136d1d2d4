#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/security/run_commands.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF313",
    .name = "download-piped-to-shell",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "downloaded script run without verification",
    .docs = R"md(## What it does
Flags a `RUN` that runs what `curl` or `wget` downloads without saving it first:

- a download piped into a shell or interpreter that reads its program from standard input:
  `curl -fsSL URL | sh`, `wget -qO- URL | sudo -E bash -`, `curl URL | bash -s -- --flag`,
  `curl URL | bash /dev/stdin`, `curl URL | python3 -`;
- a download passed as the program text: `bash -c "$(curl -fsSL URL)"`, `sh <(wget -O- URL)`,
  `eval "$(curl URL)"`, `source <(curl URL)`.

The shells are `sh`, `bash`, `dash`, `ash`, `zsh`, `ksh` and `mksh`; the interpreters `python`
(any version), `pypy`, `perl`, `ruby`, `node` and `php`. At the end of a pipe they must read their
program from standard input: no `-c`/`-e` code and no script file (or `-`, `-s`, `/dev/stdin`), so
`curl URL | tar -xz`, `curl URL | python3 -m json.tool` and `curl URL | sh -c 'cat > f'` pass.
`curl` counts when it writes to standard output (no `-o FILE`/`-O`), `wget` when it is given
`-O -` (or `-O /dev/stdout`). Commands are found wherever they run in the script, through
wrappers such as `sudo`, and in `ONBUILD`.

## Why is this bad?
The script is executed as it arrives, so nothing checks that it is the script you reviewed: a
compromised server, CDN or account, or a changed "latest" script, runs arbitrary code in the build
(as root, usually). The build is not reproducible either, since the script can change between
builds. And a download cut short is still run, up to wherever it stopped.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
```

## Use instead
Download a pinned version to a file, check its checksum, then run it:
```dockerfile
FROM debian:12
ARG SETUP_SHA256=0123456789abcdef...
RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_22.x \
 && echo "${SETUP_SHA256}  /tmp/setup.sh" | sha256sum -c - \
 && bash /tmp/setup.sh && rm /tmp/setup.sh
```
Better still, install from a package repository whose signing key you import, or `COPY` the
binary from an official image.

## References
- No hadolint, BuildKit, Trivy or Checkov rule checks this.
- https://docs.docker.com/build/building/best-practices/#run
)md",
};

using security::Invocation;
using security::kCurlValues;
using security::kWgetValues;

/// The command downloads to standard output: `curl` without `-o FILE`/`-O`, `wget -O -`.
bool downloads_to_stdout(const Invocation& inv) {
  if (inv.program == "curl") {
    for (const shell::Option& o : inv.options(kCurlValues).options) {
      if ((o.name == "o" || o.name == "output") && o.value != "-") return false;
      if (o.name == "O" || o.name == "remote-name" || o.name == "remote-name-all") return false;
    }
    return true;
  }
  if (inv.program == "wget") {
    bool out = false;
    for (const shell::Option& o : inv.options(kWgetValues).options) {
      if (o.name == "O" || o.name == "output-document") {
        out = o.value == "-" || o.value == "/dev/stdout";
      }
    }
    return out;
  }
  return false;
}

bool is_shell(std::string_view p) {
  return sh::one_of(p, {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"});
}

bool is_interpreter(std::string_view p) {
  return security::is_versioned(p, "python") || security::is_versioned(p, "pypy") ||
         sh::one_of(p, {"perl", "ruby", "node", "nodejs", "php"});
}

/// Where a shell or interpreter takes its program from.
enum class Source : uint8_t { none, stdin_, code_arg, file_arg };

/// Reads a shell's or interpreter's arguments. `code_word` is set to the argv index of the
/// `-c`/`-e` code, or of the script file operand.
Source program_source(const Invocation& inv, uint32_t& code_word) {
  const auto& argv = inv.cmd->argv;
  const auto n = static_cast<uint32_t>(argv.size());
  const bool shell = is_shell(inv.program);
  // One-letter options: those whose value is code to run (`-c`, `-e`), those that take another
  // value (skipped), those that run no program (`python -m`), and php's `-f FILE`.
  std::string_view code_letters = "c", value_letters = "oO", no_program = "", file_letter = "";
  if (security::is_versioned(inv.program, "python") ||
      security::is_versioned(inv.program, "pypy")) {
    value_letters = "WX";
    no_program = "m";
  } else if (inv.program == "perl") {
    code_letters = "eE";
    value_letters = "";
  } else if (inv.program == "ruby") {
    code_letters = "e";
    value_letters = "";
  } else if (inv.program == "node" || inv.program == "nodejs") {
    code_letters = "ep";
    value_letters = "r";
  } else if (inv.program == "php") {
    code_letters = "r";
    value_letters = "dc";
    file_letter = "f";
  }
  bool dash_s = false;
  for (uint32_t i = inv.name + 1; i < n; ++i) {
    const std::string_view a = argv[i].text;
    if (a == "-") return Source::stdin_;
    if (a == "--") {
      if (i + 1 >= n) return Source::stdin_;
      code_word = i + 1;
      return dash_s ? Source::stdin_ : Source::file_arg;
    }
    if (a.size() >= 2 && a[0] == '-' && a[1] == '-') {
      if (a == "--eval" || a == "--print") {
        code_word = i + 1;
        return Source::code_arg;
      }
      if (a == "--rcfile" || a == "--init-file") ++i;
      continue;
    }
    if (a.size() >= 2 && (a[0] == '-' || (shell && a[0] == '+'))) {
      for (size_t k = 1; k < a.size(); ++k) {
        const char c = a[k];
        if (code_letters.find(c) != std::string_view::npos ||
            file_letter.find(c) != std::string_view::npos) {
          code_word = k + 1 < a.size() ? i : i + 1;
          return file_letter.find(c) != std::string_view::npos ? Source::file_arg
                                                               : Source::code_arg;
        }
        if (no_program.find(c) != std::string_view::npos) return Source::none;
        if (shell && c == 's') dash_s = true;
        if (value_letters.find(c) != std::string_view::npos) {
          if (k + 1 == a.size()) ++i;
          break;
        }
      }
      continue;
    }
    if (dash_s) return Source::stdin_;
    code_word = i;
    return a == "/dev/stdin" ? Source::stdin_ : Source::file_arg;
  }
  return Source::stdin_;
}

std::string describe(const Invocation& inv) { return fmt::format("`{}`", inv.program); }

class DownloadPipedToShell final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    const auto& cmds = script->commands;
    for (size_t i = 0; i < cmds.size(); ++i) {
      const shell::Command& dl = cmds[i];
      const Invocation down = security::invocation(dl);
      if (!down || !downloads_to_stdout(down)) continue;
      // A later command of the same pipeline that runs its standard input.
      if (dl.pipeline_index + 1 < dl.pipeline_size) {
        for (size_t j = i + 1; j < cmds.size(); ++j) {
          const shell::Command& next = cmds[j];
          // A pipeline's commands come in order, each followed by the commands nested in it:
          // the first command of another list at the same level ends the search.
          if (next.pipeline != dl.pipeline) {
            if (next.depth <= dl.depth) break;
            continue;
          }
          const Invocation run = security::invocation(next);
          if (!run || !runs_stdin(run)) continue;
          report(out, dl, run.word(), down, run, "piped to");
          break;
        }
      }
      // The download as the program text of its parent command.
      if (dl.origin == shell::Origin::substitution && dl.parent < cmds.size()) {
        const Invocation run = security::invocation(cmds[dl.parent]);
        if (run && runs_argument(run, dl.range)) report(out, dl, run.word(), down, run, "run by");
      }
    }
  }

 private:
  static bool runs_stdin(const Invocation& run) {
    if (run.program == "source" || run.program == ".") {
      const auto args = run.args();
      return !args.empty() && args[0].text == "/dev/stdin";
    }
    if (!is_shell(run.program) && !is_interpreter(run.program)) return false;
    uint32_t code = shell::npos;
    return program_source(run, code) == Source::stdin_;
  }

  /// `run` executes, as its program, the argument word that holds `range`.
  static bool runs_argument(const Invocation& run, TextRange range) {
    const auto& argv = run.cmd->argv;
    auto holds = [&](uint32_t k) { return k < argv.size() && argv[k].range.contains(range); };
    if (run.program == "eval") {
      for (uint32_t k = run.name + 1; k < argv.size(); ++k) {
        if (holds(k)) return true;
      }
      return false;
    }
    if (run.program == "source" || run.program == ".") return holds(run.name + 1);
    if (!is_shell(run.program) && !is_interpreter(run.program)) return false;
    uint32_t code = shell::npos;
    const Source src = program_source(run, code);
    return (src == Source::code_arg || src == Source::file_arg) && holds(code);
  }

  static void report(Reporter& out, const shell::Command& dl, const shell::Word& runner,
                     const Invocation& down, const Invocation& run, std::string_view how) {
    const TextRange range{std::min(dl.range.begin, runner.range.begin),
                          std::max(dl.range.end, runner.range.end)};
    out.report(range, fmt::format("output of {} is {} {} without verification; save it to a "
                                  "file and check its checksum before running it",
                                  describe(down), how, describe(run)));
  }
};

}  // namespace

const Rule& download_piped_to_shell() {
  static const DownloadPipedToShell rule;
  return rule;
}

}  // namespace dfopt::rules
