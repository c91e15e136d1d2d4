#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"CKV_DOCKER_3"};

constexpr RuleInfo kInfo{
    .id = "DF303",
    .name = "no-user-instruction",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "no `USER` anywhere in the file",
    .docs = R"md(## What it does
Flags a Dockerfile that has no `USER` instruction at all, once, at the `FROM` of its last stage.
A `USER` inside `ONBUILD` does not count.

This rule is off by default: `root-final-user` (DF302) reports the same files, and a root last
`USER` as well. Enable this one to mirror Checkov exactly.

## Why is this bad?
Without a `USER`, the container runs as the base image's user, which is root for most images.
A process that is compromised, or simply buggy, then has full control of the container, and of
the host when the container runtime is misconfigured or vulnerable.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
```

## References
- Checkov CKV_DOCKER_3: the same check (no `USER` instruction in the file).
- Trivy DS-0002 also reports a root last `USER`; see `root-final-user` (DF302).
- https://docs.docker.com/reference/dockerfile/#user
)md",
};

struct State final : RuleState {
  bool seen = false;
};

class NoUserInstruction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::user); }

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
               "no `USER` instruction in this Dockerfile; the container runs as the base image's "
               "user, usually root");
  }
};

}  // namespace

const Rule& no_user_instruction() {
  static const NoUserInstruction rule;
  return rule;
}

}  // namespace dfopt::rules
