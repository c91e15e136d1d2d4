#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/hadolint_image.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3007"};

constexpr RuleOption kOptions[] = {
    {"semantics", "hadolint",
     "`hadolint`: read the tag as written, as DL3007 does; `buildkit`: expand ARG defaults and "
     "normalise the reference as BuildKit does"},
};

constexpr RuleInfo kInfo{
    .id = "DF502",
    .name = "latest-tag-base-image",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "a base image uses the `latest` tag",
    .docs = R"md(## What it does
Flags a `FROM` whose image has the tag `latest` and no digest, such as `FROM node:latest`. A
reference pinned by digest (`node:latest@sha256:...`) is not flagged: BuildKit pulls the digest
and ignores the tag.

By default the tag is read as written, as hadolint's DL3007 does. With the option
`semantics = "buildkit"`, `ARG` defaults are expanded first (`FROM node:$VERSION` with
`ARG VERSION=latest` is flagged) and the registry is split off as Docker does; references that
depend on an `ARG` without a default are skipped.

## Why is this bad?
`latest` is just the tag a publisher moved most recently. The same Dockerfile builds a different
image from one day to the next, possibly a new major version, so builds are not reproducible and
break for reasons unrelated to the repository.

## Example
```dockerfile
FROM node:latest
```

## Use instead
```dockerfile
FROM node:22.11-bookworm-slim
```

## References
- hadolint DL3007: the same check (with the default `semantics`).
- Trivy DS-0001 also counts untagged images as `latest` (see `untagged-base-image`); Checkov
  CKV_DOCKER_7 looks at the first `FROM` only.
- https://docs.docker.com/reference/dockerfile/#from
)md",
};

struct State final : RuleState {
  bool buildkit = false;
};

class LatestTagBaseImage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }
  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->buildkit = file.option(kInfo, "semantics") == "buildkit";
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (!ins.from_image) return;
    if (!static_cast<State&>(*state).buildkit) {
      const auto img = detail::parse_hadolint_from_image(ins.from_image->value);
      if (!img || img->digest || !img->tag || *img->tag != "latest") return;
      out.report(ins.from_image->range,
                 fmt::format("base image '{}' uses the 'latest' tag", ins.from_image->value));
      return;
    }
    if (ref.stage == model::npos) return;
    const model::Stage& stage = file.model.stage(ref.stage);
    const model::ImageRef& base = stage.base;
    if (stage.base_kind != model::BaseKind::image || !base.valid) return;
    // An ARG without default may be set with --build-arg; an undeclared variable may not.
    if (base.unresolved && !file.model.expand(stage.from_instr, base.raw).unresolved.empty()) {
      return;
    }
    if (base.tag != "latest" || !base.digest.empty()) return;
    out.report(ins.from_image->range,
               base.raw == base.expanded
                   ? fmt::format("base image '{}' uses the 'latest' tag", base.raw)
                   : fmt::format("base image '{}' ('{}' with the ARG defaults) uses the 'latest' "
                                 "tag",
                                 base.raw, base.expanded));
  }
};

}  // namespace

const Rule& latest_tag_base_image() {
  static const LatestTagBaseImage rule;
  return rule;
}

}  // namespace dfopt::rules
