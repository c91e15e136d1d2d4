#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"InvalidDefaultArgInFrom"};

constexpr RuleInfo kInfo{
    .id = "DF508",
    .name = "invalid-default-arg-in-from",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "with the `ARG` defaults, a `FROM` image is not a valid reference",
    .docs = R"md(## What it does
Expands every `FROM` image with the defaults of the global `ARG`s only (no `--build-arg`), the
way BuildKit checks it, and flags the ones that are then not a valid image reference:
`FROM alpine:$TAG` after `ARG TAG` without a default becomes `alpine:`, `FROM $IMAGE` becomes
empty. A reference that is invalid without any variable (`FROM Alpine`) is flagged too, as by
BuildKit.

## Why is this bad?
The Dockerfile only builds when every caller passes the right `--build-arg`s. A plain
`docker build .` fails with an unhelpful "invalid reference format", and tools that read the
Dockerfile without build arguments (scanners, dependency bots, `docker buildx bake --print`)
cannot tell which image it uses. A default documents the expected value and keeps the file
buildable.

## Example
```dockerfile
ARG VERSION
FROM node:$VERSION-alpine
```

## Use instead
```dockerfile
ARG VERSION=22
FROM node:$VERSION-alpine
```

## References
- BuildKit `InvalidDefaultArgInFrom`: the same check. Like BuildKit, nothing is checked when a
  global `ARG` default cannot be expanded, and checking stops at the first `FROM` whose image
  cannot be expanded.
- https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/
)md",
};

class InvalidDefaultArgInFrom final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  // validateBaseImagesWithDefaultArgs runs over every stage once, before the build.
  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const auto& instrs = file.ast.instructions;
    // A word without variables, quotes or escapes expands to itself and cannot fail.
    auto plain = [&](std::string_view w) {
      return w.find_first_of("$'\"") == std::string_view::npos &&
             w.find(m.escape()) == std::string_view::npos;
    };
    // buildMetaArgs failing abandons the whole check.
    for (const model::Declaration& d : m.declarations()) {
      if (d.stage != model::npos) break;
      const ast::KeyValue& kv = instrs[d.instr].pairs[d.pair];
      if (kv.value && !plain(kv.value->value) && m.expand(d.instr, kv.value->value).error) return;
    }
    for (const model::Stage& stage : m.stages()) {
      const ast::Instruction& from = instrs[stage.from_instr];
      if (!from.from_image) continue;  // a syntax error, reported elsewhere
      const std::string& raw = from.from_image->value;
      // The model expanded this word in the same (global) scope and parsed the result for an
      // image stage; a valid reference there means no expansion error and nothing to report.
      if (stage.base_kind == model::BaseKind::image && stage.base.valid) continue;
      const model::ExpandedWord e = m.expand(stage.from_instr, raw);
      if (e.error) return;
      const model::ImageRef ref = model::parse_image_ref(e.value);
      if (ref.valid) continue;
      const std::string reason = ref.error.empty() ? "invalid reference format" : ref.error;
      if (e.value == raw) {
        out.report(from.from_image->range,
                   fmt::format("base image '{}' is not a valid image reference: {}", raw, reason));
      } else if (e.value.empty()) {
        out.report(from.from_image->range,
                   fmt::format("base image '{}' is empty with the ARG defaults", raw));
      } else {
        out.report(from.from_image->range,
                   fmt::format("base image '{}' is '{}' with the ARG defaults, not a valid image "
                               "reference: {}",
                               raw, e.value, reason));
      }
    }
  }
};

}  // namespace

const Rule& invalid_default_arg_in_from() {
  static const InvalidDefaultArgInFrom rule;
  return rule;
}

}  // namespace dfopt::rules
