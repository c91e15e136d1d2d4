#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/runtime/final_stage_chain.h"
#include "rules/security/final_image_user.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF423",
    .name = "healthcheck-tool-missing",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`HEALTHCHECK` runs curl or wget, which the image does not ship",
    .docs = R"md(## What it does
Looks at the `HEALTHCHECK` of the image the build produces (the last one in the target stage and
the stages it is built `FROM`) and flags a `curl` or `wget` command in it when the image has no
such program: the chain starts from `scratch`, or from a base image that dfopt's base-image
knowledge base knows to ship without it (distroless images, `debian`, `ubuntu`, the `-slim`
variants of `node` and `python`, `curl` on Alpine-based images, which only have BusyBox's
`wget`).

Nothing is reported when a `RUN`, `COPY` or `ADD` of the chain mentions the program (it may be
installed or copied in), or when the knowledge base does not know the base image.

## Why is this bad?
The health check fails every time with "executable file not found" (or `sh: curl: not found`),
so the container is marked unhealthy however well the service runs, and orchestrators that act
on health restart or never route to it.

## Example
```dockerfile
FROM node:22-slim
COPY . /app
HEALTHCHECK CMD curl -f http://127.0.0.1:3000/health || exit 1
CMD ["node", "/app/server.js"]
```

## Use instead
```dockerfile
FROM node:22-slim
COPY . /app
HEALTHCHECK CMD ["node", "/app/healthcheck.js"]
CMD ["node", "/app/server.js"]
```
or install the tool (`apt-get install -y --no-install-recommends curl`).

## References
- No hadolint, BuildKit, Trivy or Checkov rule checks this.
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

std::string_view basename(std::string_view s) {
  const size_t slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

class HealthcheckToolMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const std::vector<uint32_t> chain = runtime::target_chain(m);
    if (chain.empty()) return;
    const uint32_t hc = runtime::last_in_chain(file.ast, chain, m, ast::InstrKind::healthcheck);
    if (hc == model::npos) return;
    const ast::Instruction& ins = file.ast.instructions[hc];
    if (!ins.healthcheck_type || ins.args.empty()) return;  // HEALTHCHECK NONE

    const security::ChainBase base = security::chain_base(m, chain.front());
    if (!base.scratch && (!base.facts || !base.facts.variant)) return;

    const shell::Script& script = file.script(hc);
    for (const shell::Command& cmd : script.commands) {
      if (cmd.argv.empty()) continue;
      const std::string_view tool = basename(cmd.argv.front().text);
      if (tool != "curl" && tool != "wget") continue;
      std::optional<bool> ships;
      if (base.scratch) {
        ships = false;
      } else {
        ships = tool == "curl" ? base.facts.variant->curl : base.facts.variant->wget;
      }
      if (!ships || *ships || mentioned(file, chain, tool)) continue;
      const std::string image =
          base.scratch ? std::string("scratch")
                       : base.root->base.familiar_name() +
                             (base.root->base.tag.empty() ? "" : ":" + base.root->base.tag);
      out.report(cmd.argv.front().range,
                 fmt::format("the `HEALTHCHECK` runs `{}`, but '{}' does not ship it and nothing "
                             "installs it; the check will always fail",
                             tool, image));
      return;
    }
  }

 private:
  // A RUN, COPY or ADD of the chain that names the tool may install or copy it.
  static bool mentioned(const FileContext& file, const std::vector<uint32_t>& chain,
                        std::string_view tool) {
    for (uint32_t s : chain) {
      const model::Stage& st = file.model.stage(s);
      for (uint32_t i = st.body_begin(); i < st.end_instr; ++i) {
        const ast::Instruction& ins = file.ast.instructions[i];
        if (!ins.is(ast::InstrKind::run) && !ins.is(ast::InstrKind::copy) &&
            !ins.is(ast::InstrKind::add)) {
          continue;
        }
        if (ins.args_text.value.find(tool) != std::string::npos) return true;
        for (const ast::Heredoc& h : ins.heredocs) {
          if (h.content.find(tool) != std::string::npos) return true;
        }
      }
    }
    return false;
  }
};

}  // namespace

const Rule& healthcheck_tool_missing() {
  static const HealthcheckToolMissing rule;
  return rule;
}

}  // namespace dfopt::rules
