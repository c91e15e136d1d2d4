#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0026", "CKV_DOCKER_2"};

constexpr RuleInfo kInfo{
    .id = "DF412",
    .name = "no-healthcheck",
    .category = Category::runtime,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "no `HEALTHCHECK` anywhere in the file",
    .docs = R"md(## What it does
Flags a Dockerfile that has no `HEALTHCHECK` instruction at all, once, at the `FROM` of its last
stage. `HEALTHCHECK NONE` counts as one; an `ONBUILD HEALTHCHECK` does not.

This rule is off by default: images of tools, jobs and build stages have nothing to probe, and the
base image may define the health check. Enable it for service images.

## Why is this bad?
Without a health check, Docker and orchestrators that read the image's health status only know
whether the main process is alive, not whether it still answers. A wedged server keeps receiving
traffic and is never restarted.

## Example
```dockerfile
FROM node:22-alpine
COPY . /app
CMD ["node", "/app/server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY . /app
HEALTHCHECK --interval=30s CMD ["wget", "-q", "--spider", "http://localhost:3000/health"]
CMD ["node", "/app/server.js"]
```

## References
- Trivy DS-0026 and Checkov CKV_DOCKER_2: the same check (no `HEALTHCHECK` in the file).
- hadolint DL3057 checks each stage instead; see `stage-without-healthcheck` (DF411).
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

struct State final : RuleState {
  bool seen = false;
};

class NoHealthcheck final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::healthcheck); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef&, RuleState* state, Reporter&) const override {
    static_cast<State&>(*state).seen = true;
  }

  void finish(const FileContext& file, RuleState* state, Reporter& out) const override {
    if (static_cast<State&>(*state).seen || file.model.stages().empty()) return;
    const model::Stage& last = file.model.stages().back();
    out.report(file.ast.instructions[last.from_instr].keyword.range,
               "no `HEALTHCHECK` in this Dockerfile; the image only has its base image's health "
               "check, if any");
  }
};

}  // namespace

const Rule& no_healthcheck() {
  static const NoHealthcheck rule;
  return rule;
}

}  // namespace dfopt::rules
