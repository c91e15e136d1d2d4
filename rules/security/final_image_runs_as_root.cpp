#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/security/final_image_user.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF350",
    .name = "final-image-runs-as-root",
    .category = Category::security,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the image the build produces runs as root",
    .docs = R"md(## What it does
Looks at the stage the build produces (the last stage, or the `--target`) and flags it when its
container runs as root:
- no `USER` in the stage or in the stages it is built `FROM`, and the base image is `scratch` or
  an image the base-image knowledge base knows to run as root (official `node`, `python`,
  `debian`, `alpine`, `nginx`, distroless without the `nonroot` tag...). The finding is at the
  `FROM` of the produced stage. When the base image ships an unprivileged account, the message
  names it with its numeric IDs (`node` is 1000:1000).
- the effective `USER` is root only once variables are expanded (`USER ${RUNTIME_USER}` with
  `ARG RUNTIME_USER=root`). A `USER root` or `USER 0` written literally is reported by
  `root-stage-user` (DF301) and not again here.

Base images the knowledge base does not know are not reported, as they may set their own `USER`
(many vendor images do, e.g. Bitnami's run as 1001). Build stages that only feed `COPY --from`
are not reported either: they never run as containers, and neither is an image with `ONBUILD`
triggers (in the produced stage or a stage it is built `FROM`): it is a base for other images,
which choose their own `USER`.

## Why is this bad?
A process that is compromised, or simply buggy, has full control of a container that runs as
root, and of the host when the container runtime is misconfigured or vulnerable. Kubernetes'
`runAsNonRoot` refuses such images.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
```

## References
- Trivy DS-0002 reports a file without any `USER`, or whose last `USER` is root, whatever the
  stage and whatever the base image; see `root-final-user` (DF302) for that exact check. This
  rule looks at the stage the build produces, follows its `FROM` chain and expands variables.
- hadolint DL3002 reports the last `USER` of every stage when written as root; see
  `root-stage-user` (DF301).
- https://docs.docker.com/build/building/best-practices/#user
)md",
};

class FinalImageRunsAsRoot final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const uint32_t target = m.target_stage();
    if (target == model::npos) return;
    const model::Stage& stage = m.stage(target);
    const ast::Instruction& from = file.ast.instructions[stage.from_instr];
    const TextRange at = from.from_image ? from.from_image->range : from.keyword.range;

    if (const model::UserSetting* user = m.final_user(target)) {
      if (user->unresolved || !security::is_root_user(user->value)) return;
      // Written as root: root-stage-user reports it as written, in whichever stage it is.
      if (security::is_root_user(user->raw)) return;
      const ast::Instruction& ins = file.ast.instructions[user->instr];
      const TextRange range = ins.args.empty() ? ins.keyword.range : ins.args.front().range;
      out.report(range, fmt::format("the final image runs as root: `USER {}` expands to '{}'",
                                    user->raw, user->value));
      return;
    }

    // An image with ONBUILD triggers is a base image: the images built from it pick the USER.
    for (uint32_t s = target, n = 0; s != model::npos && n <= m.stages().size(); ++n) {
      if (!m.stage(s).onbuild.empty()) return;
      s = m.stage(s).base_kind == model::BaseKind::stage ? m.stage(s).parent : model::npos;
    }
    const security::ChainBase base = security::chain_base(m, target);
    if (base.scratch) {
      out.report(at,
                 "the final image runs as root: it starts from `scratch` and sets no `USER`; "
                 "add `USER <uid>:<gid>` with a numeric non-root ID");
      return;
    }
    if (!base.facts || base.facts.default_nonroot(base.root->base.tag)) return;
    const std::string image = base.root->base.familiar_name();
    std::string hint = "create an unprivileged user and add `USER <uid>:<gid>`";
    if (!base.facts.family->users.empty()) {
      const kb::ImageUser& u = base.facts.family->users.front();
      hint = fmt::format("add `USER {}:{}` (the image's '{}' user)", u.uid, u.gid, u.name);
    } else if (base.facts.variant && base.facts.variant->distro == "distroless") {
      hint = "use the `nonroot` tag or add `USER 65532:65532`";
    }
    out.report(at, fmt::format("the final image runs as root: no `USER` is set and '{}' runs as "
                               "root by default; {}",
                               image, hint));
  }
};

}  // namespace

const Rule& final_image_runs_as_root() {
  static const FinalImageRunsAsRoot rule;
  return rule;
}

}  // namespace dfopt::rules
