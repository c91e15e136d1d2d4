#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0002"};

constexpr RuleInfo kInfo{
    .id = "DF302",
    .name = "root-final-user",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "no `USER`, or the file's last `USER` is root",
    .docs = R"md(## What it does
Flags a Dockerfile that has no `USER` instruction at all (once, at the `FROM` of its last stage),
and the last `USER` instruction of the file when it is `root` or `0`, alone or with a group
(`root:root`, `0:0`), as written. A `USER` inside `ONBUILD` does not count.

This rule is off by default: `root-stage-user` (DF301) reports a root last `USER` in every
stage, which covers the second half in single-stage files, and a file without `USER` is common
for build and tool images whose base image already runs unprivileged. Enable it to mirror Trivy.

## Why is this bad?
Without a `USER`, the container runs as the base image's user, which is root for most images.
A process that is compromised, or simply buggy, then has full control of the container, and of
the host when the container runtime is misconfigured or vulnerable.

## Example
```dockerfile
FROM python:3.13-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.13-slim
RUN useradd --uid 10001 --no-create-home app
COPY app.py /app/
USER 10001
CMD ["python", "/app/app.py"]
```

## References
- Trivy DS-0002: the same check (no `USER` in the file, or the file's last `USER` matching
  `^root(:.+)?$` or `^0(:.+)?$`). The last `USER` of the file need not belong to the final stage;
  Trivy has the same blind spot for multi-stage builds.
- hadolint DL3002 checks the last `USER` of every stage; see `root-stage-user` (DF301).
  Checkov CKV_DOCKER_3 and CKV_DOCKER_8 each cover one half of this check; see
  `no-user-instruction` (DF303) and `last-user-root-literal` (DF308).
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

/// Trivy's `^root(:.+){0,1}$` and `^0(:.+){0,1}$`.
bool is_root(std::string_view u) {
  return u == "root" || u == "0" || (security::starts_with(u, "root:") && u.size() > 5) ||
         (security::starts_with(u, "0:") && u.size() > 2);
}

struct State final : RuleState {
  uint32_t last_user = model::npos;
};

class RootFinalUser final : public Rule {
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
    const auto& st = static_cast<const State&>(*state);
    if (file.model.stages().empty()) return;
    if (st.last_user == model::npos) {
      const model::Stage& last = file.model.stages().back();
      out.report(file.ast.instructions[last.from_instr].keyword.range,
                 "no `USER` instruction in this Dockerfile; the container runs as the base "
                 "image's user, usually root");
      return;
    }
    const ast::Word* w = security::user_word(file.ast.instructions[st.last_user]);
    if (!w || !is_root(w->value)) return;
    out.report(w->range,
               fmt::format("the last `USER` of this Dockerfile is '{}'; the container runs as "
                           "root",
                           w->value));
  }
};

}  // namespace

const Rule& root_final_user() {
  static const RootFinalUser rule;
  return rule;
}

}  // namespace dfopt::rules
