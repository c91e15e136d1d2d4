#include <fmt/format.h>

#include <array>

#include "dfopt/rule.h"
#include "rules/common/hadolint_shell.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4001"};

constexpr RuleInfo kInfo{
    .id = "DF725",
    .name = "curl-and-wget",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "both `curl` and `wget` used in one stage",
    .docs = R"md(## What it does
Flags each `RUN` that uses `curl` or `wget` once both have been used in the stage: from the first
`RUN` that completes the pair on, every `RUN` that uses either is reported. Each `FROM` starts
over. The `RUN`s inside `ONBUILD` are counted on their own, for the whole file. Commands are found
after `&&`, `||` or `;`, in pipelines, subshells, `$(...)` and the body of `RUN <<EOF`, but not
inside `sh -c "..."` strings. The name is read as hadolint reads it (the literal first word, or
the word after `busybox`, `builtin`, `command` or `exec`), so the words `curl` and `wget` in
`apt-get install -y curl wget` do not count.

## Why is this bad?
The two tools do the same job. Using both means installing and keeping both in the image (or
relying on both being present in the base image), with two sets of options, retry behaviours and
TLS settings to get right.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN wget -q -O /tmp/b.tar.gz https://example.com/b.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
RUN curl -fsSLo /tmp/a.tar.gz https://example.com/a.tar.gz
RUN curl -fsSLo /tmp/b.tar.gz https://example.com/b.tar.gz
```

## References
- hadolint DL4001: the same check.
- Trivy DS-0014 differs: it splits each `RUN` text at `&&` and looks for parts that start with
  `curl` or `wget` (skipping parts that contain `install `), across the whole file rather than per
  stage, and reports the `RUN`s that use `wget`.
- https://docs.docker.com/build/building/best-practices/#run
)md",
};

/// Where each tool was first used: the line, 0 when not yet.
struct Seen {
  std::array<uint32_t, 2> line{0, 0};  // curl, wget
  bool both() const { return line[0] != 0 && line[1] != 0; }
};

struct State final : RuleState {
  Seen stage;    // reset at each FROM
  Seen onbuild;  // the ONBUILD RUNs of the whole file
};

class CurlAndWget final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun | kind_bit(ast::InstrKind::from); }
  bool wants_onbuild() const override { return true; }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.instr.is(ast::InstrKind::from)) {
      st.stage = Seen{};
      return;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    Seen& seen = ref.in_onbuild ? st.onbuild : st.stage;
    const uint32_t line = file.source.position(ref.instr.keyword.range.begin).line;
    const shell::Word* first = nullptr;  // the name of the first curl or wget
    std::array<bool, 2> here{false, false};
    for (const hadolint::PresentCommand& c : hadolint::present_commands(*script)) {
      const int tool = c.is("curl") ? 0 : c.is("wget") ? 1 : -1;
      if (tool < 0) continue;
      if (!first) first = &c.word();
      here[tool] = true;
      if (seen.line[tool] == 0) seen.line[tool] = line;
    }
    if (!first || !seen.both()) return;
    std::string message;
    if (here[0] && here[1]) {
      message = "this `RUN` uses both `curl` and `wget`; use one of them";
    } else {
      const int other = here[0] ? 1 : 0;
      message = fmt::format("{} also uses `{}` (line {}); use one of `curl` and `wget`",
                            ref.in_onbuild ? "an `ONBUILD` trigger" : "this stage",
                            other == 0 ? "curl" : "wget", seen.line[other]);
    }
    out.report(first->range, std::move(message));
  }
};

}  // namespace

const Rule& curl_and_wget() {
  static const CurlAndWget rule;
  return rule;
}

}  // namespace dfopt::rules
