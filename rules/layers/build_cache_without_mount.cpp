#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF111",
    .name = "build-cache-without-mount",
    .category = Category::layers,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`cargo` or `go` downloads and compiles without a `RUN --mount=type=cache`",
    .docs = R"md(## What it does
Flags `cargo build`, `cargo fetch`, `cargo install`, `cargo test` and `cargo check`, and `go build`,
`go install`, `go test` and `go mod download`, in a `RUN` that has no `--mount=type=cache` for the
tool's cache: a target containing `cargo` or `/target` for cargo, `/go/` or `go-build` for go.
Commands after `&&`, `;`, in subshells and in `sh -c "..."` strings count.

## Why is this bad?
Both tools keep a download cache (cargo's registry, Go's module cache) and a compilation cache
(cargo's `target/`, Go's build cache). Without a cache mount every change to the step's inputs
downloads and compiles every dependency again, and the downloads are stored in the layer. A cache
mount survives between builds and never reaches the image.

## Example
```dockerfile
FROM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN cargo build --release
```

## Use instead
```dockerfile
FROM rust:1.79 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release && cp target/release/app /usr/local/bin/app
```
Artefacts built into a cached `target/` are not in the layer: copy them out in the same `RUN`.

## References
- No peer linter has this check (hadolint's DL3042 and DL3060 accept a cache mount instead of
  disabling or cleaning a package cache, but do not ask for one).
- https://docs.docker.com/build/cache/optimize/#use-cache-mounts
)md",
};

struct Tool {
  std::string_view name;
  std::initializer_list<std::string_view> subcommands;
  std::initializer_list<std::string_view> mount_fragments;
  std::string_view cache;  // for the message
};

const Tool kTools[] = {
    {"cargo",
     {"build", "b", "fetch", "install", "test", "t", "check", "c"},
     {"cargo", "/target"},
     "the cargo registry and `target/`"},
    {"go", {"build", "install", "test", "mod"}, {"/go/", "go-build"}, "the Go module and build caches"},
};

bool has_mount_for(const FileContext& file, uint32_t index, const Tool& tool) {
  for (const model::RunMount& m : file.model.mounts(index)) {
    if (m.type != "cache") continue;
    for (std::string_view f : tool.mount_fragments) {
      if (m.target.find(f) != std::string::npos) return true;
    }
  }
  return false;
}

class BuildCacheWithoutMount final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (ref.in_onbuild) return;
    const shell::Script* script = sh::run_script(file, ref);
    if (!script) return;
    for (const shell::Command& cmd : script->commands) {
      for (const Tool& tool : kTools) {
        if (!cmd.is(tool.name)) continue;
        const shell::Options opts = shell::parse_options(cmd, {.stop_at_operand = true});
        if (opts.operands.empty()) continue;
        const std::string_view sub = cmd.argv[opts.operands[0]].text;
        if (!sh::one_of(sub, tool.subcommands)) continue;
        if (sub == "mod" && (opts.operands.size() < 2 ||
                             cmd.argv[opts.operands[1]].text != "download")) {
          continue;
        }
        if (has_mount_for(file, ref.index, tool)) continue;
        out.report(cmd.range,
                   fmt::format("`{} {}` without a cache mount for {}: every rebuild downloads "
                               "and compiles the dependencies again",
                               tool.name, sub == "mod" ? "mod download" : sub, tool.cache));
      }
    }
  }
};

}  // namespace

const Rule& build_cache_without_mount() {
  static const BuildCacheWithoutMount rule;
  return rule;
}

}  // namespace dfopt::rules
