#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3002"};

constexpr RuleInfo kInfo{
    .id = "DF301",
    .name = "root-stage-user",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "last `USER` of a stage is root",
    .docs = R"md(## What it does
Flags, in each build stage, the last `USER` instruction when it switches to root: `root`, `0`,
`root:<group>` or `0:<group>`, as written. Stages without a `USER` are not reported (see
`root-final-user`, DF302), nor is a `USER` inside `ONBUILD`.

## Why is this bad?
A stage that ends as root produces an image whose container runs as root unless `docker run
--user` says otherwise. A process that is compromised, or simply buggy, then has full control of
the container, and of the host when the container runtime is misconfigured or vulnerable. Switch
to root for the steps that need it, then back to an unprivileged user.

## Example
```dockerfile
FROM debian:12-slim
RUN useradd --uid 10001 app
USER app
COPY app /app
USER root
RUN chown -R app /app
```

## Use instead
```dockerfile
FROM debian:12-slim
RUN useradd --uid 10001 app
COPY --chown=app app /app
USER app
```

## References
- hadolint DL3002: the same check (every stage's last `USER`, matched as written; `USER $U` with
  `U=root` is not reported by either).
- Trivy DS-0002 looks at the last `USER` of the whole file and also reports a file without any
  `USER`; see `root-final-user` (DF302). Checkov CKV_DOCKER_8 only matches `root` exactly; see
  `last-user-root-literal` (DF308).
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

/// hadolint's isRoot: `root`, `0`, or a `root:`/`0:` prefix.
bool is_root(std::string_view u) {
  return u == "root" || u == "0" || security::starts_with(u, "root:") ||
         security::starts_with(u, "0:");
}

struct State final : RuleState {
  std::vector<uint32_t> last_user;  // per stage: the last top-level USER, or npos
};

class RootStageUser final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::user); }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->last_user.assign(file.model.stages().size(), model::npos);
    return st;
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state, Reporter&) const override {
    auto& st = static_cast<State&>(*state);
    if (ref.stage < st.last_user.size()) st.last_user[ref.stage] = ref.index;
  }

  void finish(const FileContext& file, RuleState* state, Reporter& out) const override {
    const auto& st = static_cast<const State&>(*state);
    for (uint32_t s = 0; s < st.last_user.size(); ++s) {
      if (st.last_user[s] == model::npos) continue;
      const ast::Word* w = security::user_word(file.ast.instructions[st.last_user[s]]);
      if (!w || !is_root(w->value)) continue;
      out.report(w->range, fmt::format("{} ends as root (`USER {}`); switch back to an "
                                       "unprivileged user",
                                       security::stage_label(file.model, s), w->value));
    }
  }
};

}  // namespace

const Rule& root_stage_user() {
  static const RootStageUser rule;
  return rule;
}

}  // namespace dfopt::rules
