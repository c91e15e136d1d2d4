#include <fmt/format.h>

#include <string>

#include "dfopt/rule.h"
#include "rules/base/base_images.h"
#include "rules/runtime/final_stage_chain.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF420",
    .name = "exposed-service-without-healthcheck",
    .category = Category::runtime,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the image the build produces exposes a port but has no `HEALTHCHECK`",
    .docs = R"md(## What it does
Looks at the stage the build produces (the last stage, or the `--target`) together with the
stages it is built `FROM`. When they `EXPOSE` a port, the image is a network service; if none of
them has a `HEALTHCHECK` (`HEALTHCHECK NONE` counts as a deliberate choice), the rule reports the
last `EXPOSE`. Build stages and images without `EXPOSE` are not reported; a `HEALTHCHECK` inside
`ONBUILD` does not count, as it only applies to images built from this one.

The base image may define a `HEALTHCHECK` of its own, which the file cannot show; few official
images do. When dfopt's base-image knowledge base knows that the base image at the root of the
chain declares one (`gitlab/gitlab-ce`, `gitlab/gitlab-ee`), the image inherits it and the rule
does not report.

## Why is this bad?
Without a health check, Docker and Swarm see a container as healthy as long as its main process
runs, even when the service hangs or stops answering. A `HEALTHCHECK` makes `docker ps`, Compose's
`depends_on: condition: service_healthy` and Swarm's rolling updates react to a service that no
longer responds. (Kubernetes ignores `HEALTHCHECK`; it uses its own probes.)

## Example
```dockerfile
FROM node:22-alpine
COPY . /app
EXPOSE 3000
CMD ["node", "/app/server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY . /app
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1:3000/health || exit 1
CMD ["node", "/app/server.js"]
```

## References
- hadolint DL3057 reports every stage without a `HEALTHCHECK`, service or not (see
  `stage-without-healthcheck`, DF411); Trivy DS-0026 and Checkov CKV_DOCKER_2 report a file
  without any `HEALTHCHECK` (see `no-healthcheck`, DF412). This rule only reports images that
  expose a port, at their `EXPOSE`, for the stage the build produces.
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

class ExposedServiceWithoutHealthcheck final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const std::vector<uint32_t> chain = runtime::target_chain(file.model);
    if (chain.empty()) return;
    if (runtime::last_in_chain(file.ast, chain, file.model, ast::InstrKind::healthcheck) !=
        model::npos) {
      return;
    }
    const uint32_t expose =
        runtime::last_in_chain(file.ast, chain, file.model, ast::InstrKind::expose);
    if (expose == model::npos) return;
    // A HEALTHCHECK declared by the base image is inherited.
    const model::Stage& root = file.model.stage(chain.back());
    if (root.base_kind != model::BaseKind::stage && !root.is_scratch() && !root.base.unresolved) {
      const kb::ImageFacts facts = kb::lookup(root.base);
      if (facts && facts.family->healthcheck) return;
    }
    const ast::Instruction& ins = file.ast.instructions[expose];
    std::string ports;
    for (const ast::Word& w : ins.args) {
      if (!ports.empty()) ports += ", ";
      ports += w.value;
    }
    out.report(ins.keyword.range,
               fmt::format("the final image exposes {} '{}' but has no `HEALTHCHECK`; add one "
                           "that probes the service",
                           ins.args.size() == 1 ? "port" : "ports", ports));
  }
};

}  // namespace

const Rule& exposed_service_without_healthcheck() {
  static const ExposedServiceWithoutHealthcheck rule;
  return rule;
}

}  // namespace dfopt::rules
