#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF902",
    .name = "shell-syntax-error",
    .category = Category::syntax,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the shell command of a `RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK` does not parse",
    .docs = R"md(## What it does
Reports a shell syntax error in the command of a shell-form `RUN`, `CMD`, `ENTRYPOINT` or
`HEALTHCHECK CMD` (also inside `ONBUILD`), in the body of a `RUN <<EOF` heredoc, in the string of
an `sh -c "..."` or `bash -c '...'` command, and in a heredoc fed to a shell (`RUN bash <<EOF`):
an unterminated quote or substitution, a missing `fi`, `done` or `esac`, an operator with no
command after it, a heredoc without its terminator. The script is read as POSIX `sh` with the
bash extensions Dockerfiles commonly use (`[[ ]]`, arrays, `$'...'`, `<<<`, `&>`). Commands run
by a non-POSIX shell (a PowerShell or `cmd` `SHELL`, a Windows base image) are not parsed.

## Why is this bad?
The shell rejects the whole script before running any of it, so the build fails at this step; if
the error is in a `CMD`, `ENTRYPOINT` or `HEALTHCHECK`, the image builds but fails when the
container starts or is checked. Rules that read commands only see the part before the error.

## Example
```dockerfile
FROM alpine:3.20
RUN if [ -f /etc/alpine-release ]; then apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN if [ -f /etc/alpine-release ]; then apk add --no-cache curl; fi
```

## References
- hadolint reports ShellCheck's parse errors (SC1xxx codes) through its ShellCheck integration;
  ShellCheck parses bash, so it accepts some bash-only syntax that `/bin/sh` rejects.
- https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html
)md",
};

class ShellSyntaxError final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::run) | kind_bit(ast::InstrKind::cmd) |
           kind_bit(ast::InstrKind::entrypoint) | kind_bit(ast::InstrKind::healthcheck);
  }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const shell::Script& script = file.script(ref.index);
    if (!script.is_sh()) return;
    for (const Diagnostic& d : script.diagnostics) {
      if (d.code == "shell-syntax-error") out.report(d.range, d.message);
    }
  }
};

}  // namespace

const Rule& shell_syntax_error() {
  static const ShellSyntaxError rule;
  return rule;
}

}  // namespace dfopt::rules
