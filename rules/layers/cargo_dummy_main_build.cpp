#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF113",
    .name = "cargo-dummy-main-build",
    .category = Category::layers,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the dummy `main.rs` caching trick without forcing the real `cargo build`",
    .docs = R"md(## What it does
Follows the dependency-caching trick for Rust: a `RUN` writes a placeholder `src/main.rs` or
`src/lib.rs` (`echo ... > src/main.rs`, `printf`, `touch`) and runs `cargo build`, and a later
`RUN` of the same stage runs `cargo build` again on the real sources. Flags that second build when
nothing in between forces cargo to rebuild the crate itself: no `touch` of a source file, no
`cargo clean`, and no `rm` of anything under `target`.

## Why is this bad?
cargo decides whether to rebuild from file modification times. `COPY` keeps the times of the
files in the build context, which are often older than the placeholder build (a fresh checkout, a
CI cache), so cargo sees the crate as up to date and keeps the placeholder binary. The image then
ships a program that does nothing, and the build succeeds.

## Example
```dockerfile
FROM rust:1.79 AS build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src
COPY src ./src
RUN cargo build --release
```

## Use instead
```dockerfile
FROM rust:1.79 AS build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src
COPY src ./src
RUN touch src/main.rs && cargo build --release
```
Or cache dependencies with a cache mount, or with `cargo chef`, instead of a placeholder crate.

## References
- No peer linter has this check.
- https://doc.rust-lang.org/cargo/guide/build-cache.html
)md",
};

bool is_build(const shell::Command& cmd) {
  if (!cmd.is("cargo")) return false;
  const shell::Options opts = shell::parse_options(cmd, {.stop_at_operand = true});
  return !opts.operands.empty() && sh::one_of(cmd.argv[opts.operands[0]].text, {"build", "b"});
}

bool is_placeholder_source(std::string_view path) {
  return path.ends_with("src/main.rs") || path.ends_with("src/lib.rs");
}

/// The command writes a placeholder crate root.
bool writes_placeholder(const shell::Command& cmd) {
  for (const shell::Redirection& r : cmd.redirections) {
    if ((r.kind == shell::RedirKind::output || r.kind == shell::RedirKind::append ||
         r.kind == shell::RedirKind::clobber) &&
        is_placeholder_source(r.target.text)) {
      return true;
    }
  }
  if (cmd.is("touch") || cmd.is("tee")) {
    for (const shell::Word& w : cmd.args()) {
      if (is_placeholder_source(w.text)) return true;
    }
  }
  return false;
}

/// The command makes cargo rebuild the crate: new source times, or its artefacts removed.
bool forces_rebuild(const shell::Command& cmd) {
  if (cmd.is("cargo")) {
    const shell::Options opts = shell::parse_options(cmd, {.stop_at_operand = true});
    return !opts.operands.empty() && cmd.argv[opts.operands[0]].text == "clean";
  }
  if (cmd.is("touch")) {
    for (const shell::Word& w : cmd.args()) {
      if (w.text.ends_with(".rs") || w.text.find("src") != std::string_view::npos) return true;
    }
  }
  if (cmd.is("rm")) {
    for (const shell::Word& w : cmd.args()) {
      if (w.text.find("target") != std::string_view::npos) return true;
    }
  }
  if (cmd.is("find")) return cmd.has_arg("touch");  // find src -exec touch {} +
  return false;
}

struct State final : RuleState {
  uint32_t stage = model::npos;
  uint32_t placeholder_line = 0;  // the placeholder build; 0 when none is pending
  bool forced = false;
};

class CargoDummyMainBuild final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    if (ref.in_onbuild || ref.stage == model::npos) return;
    auto& st = static_cast<State&>(*state);
    if (st.stage != ref.stage) {
      st = State{};
      st.stage = ref.stage;
    }
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    bool placeholder_here = false;
    for (const shell::Command& cmd : script->commands) {
      if (st.placeholder_line != 0 && (forces_rebuild(cmd) || writes_placeholder(cmd))) {
        // After a placeholder build, rewriting or touching a source gives it a new time.
        st.forced = true;
      } else if (writes_placeholder(cmd)) {
        placeholder_here = true;
      } else if (is_build(cmd)) {
        if (placeholder_here) {
          st.placeholder_line = file.source.position(ref.instr.range.begin).line;
          st.forced = false;
        } else if (st.placeholder_line != 0) {
          if (!st.forced) {
            out.report(cmd.range,
                       fmt::format("`cargo build` may reuse the placeholder build of line {} and "
                                   "ship its binary; `touch` the sources or remove the crate's "
                                   "artefacts first",
                                   st.placeholder_line));
          }
          st.placeholder_line = 0;
        }
      }
    }
  }
};

}  // namespace

const Rule& cargo_dummy_main_build() {
  static const CargoDummyMainBuild rule;
  return rule;
}

}  // namespace dfopt::rules
