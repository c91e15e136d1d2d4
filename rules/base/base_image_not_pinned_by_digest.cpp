#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF510",
    .name = "base-image-not-pinned-by-digest",
    .category = Category::base,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "base image pinned by tag but not by digest",
    .docs = R"md(## What it does
Flags a `FROM` whose image has a tag but no digest (`FROM alpine:3.20`), once its variables are
expanded. Images without a tag are left to `untagged-base-image` (DF501), `scratch` and earlier
stages are not images, and a reference whose variables have no known value is skipped.

The rule is off by default: pinning by digest trades reproducibility for automatic security
updates, and needs a tool (Renovate, Dependabot) to move the digest forward.

## Why is this bad?
A tag is a pointer that its publisher moves: `alpine:3.20` names a new image after every patch
release, so two builds of the same commit can produce different images. A digest names exactly
one image, so builds are reproducible and a compromised or mistaken re-push of the tag cannot
change what you build on.

## Example
```dockerfile
FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20@sha256:<digest of the image you tested>
```
Keep the tag for readers; BuildKit resolves the digest and ignores the tag.

## References
- No hadolint, BuildKit, Trivy or Checkov rule checks this.
- https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
)md",
};

class BaseImageNotPinnedByDigest final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    for (const model::Stage& s : file.model.stages()) {
      if (s.base_kind != model::BaseKind::image || !s.base.valid || s.base.unresolved) continue;
      if (s.base.tag.empty() || !s.base.digest.empty()) continue;
      const ast::Instruction& from = file.ast.instructions[s.from_instr];
      if (!from.from_image) continue;
      out.report(from.from_image->range,
                 fmt::format("'{}' is pinned by tag, not digest; the tag can move to another "
                             "image: add `@sha256:<digest>` for reproducible builds",
                             s.base.expanded));
    }
  }
};

}  // namespace

const Rule& base_image_not_pinned_by_digest() {
  static const BaseImageNotPinnedByDigest rule;
  return rule;
}

}  // namespace dfopt::rules
