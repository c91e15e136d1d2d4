#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"CKV_DOCKER_8"};

constexpr RuleInfo kInfo{
    .id = "DF308",
    .name = "last-user-root-literal",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "the file's last `USER` is exactly `root`",
    .docs = R"md(## What it does
Flags the last `USER` instruction of the file when its argument is exactly `root`. `USER 0`,
`USER root:root` and a `USER` inside `ONBUILD` are not matched.

This rule is off by default: `root-final-user` (DF302) reports these files and the other
spellings of root as well. Enable this one to mirror Checkov exactly.

## Why is this bad?
The container runs as root: a process that is compromised, or simply buggy, then has full
control of the container, and of the host when the container runtime is misconfigured or
vulnerable.

## Example
```dockerfile
FROM ubuntu:24.04
USER root
CMD ["/app/server"]
```

## Use instead
```dockerfile
FROM ubuntu:24.04
USER 10001
CMD ["/app/server"]
```

## References
- Checkov CKV_DOCKER_8: the same check (the last `USER` value equal to `root`).
- Trivy DS-0002 also matches `0` and `root:<group>`, and a file without `USER`; see
  `root-final-user` (DF302). hadolint DL3002 checks every stage; see `root-stage-user` (DF301).
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

struct State final : RuleState {
  uint32_t last_user = model::npos;
};

class LastUserRootLiteral final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::user); }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state, Reporter&) const override {
    static_cast<State&>(*state).last_user = ref.index;
  }

  void finish(const FileContext& file, RuleState* state, Reporter& out) const override {
    const uint32_t last = static_cast<State&>(*state).last_user;
    if (last == model::npos) return;
    const ast::Word* w = security::user_word(file.ast.instructions[last]);
    if (!w || w->value != "root") return;
    out.report(w->range, "the last `USER` of this Dockerfile is 'root'");
  }
};

}  // namespace

const Rule& last_user_root_literal() {
  static const LastUserRootLiteral rule;
  return rule;
}

}  // namespace dfopt::rules
