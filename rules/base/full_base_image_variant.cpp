#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/base_images.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF511",
    .name = "full-base-image-variant",
    .category = Category::base,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the image the build produces starts from a full distribution or toolchain image",
    .docs = R"md(## What it does
Looks at the base image of the stage the build produces (the last stage, or the `--target`,
following `FROM <stage>` up to the external image) and, using dfopt's base-image knowledge base,
flags:
- a compiler or SDK image (`golang`, `rust`, `gcc`, `maven`, `gradle`, `mcr.microsoft.com/dotnet/sdk`)
  that the final image does not need at run time: build in an earlier stage and copy the result
  into a runtime image;
- the full variant of an image that has a smaller variant of the same version (`node:22` where
  `node:22-slim` and `node:22-alpine` exist, `python:3.12`, `debian:12`, `nginx:1.27`,
  `eclipse-temurin:21` where `21-jre` exists).

The message gives the approximate compressed sizes (linux/amd64) from the knowledge base, as
rounded ranges. Build stages are not reported: they are where toolchains belong. Tags with
qualifiers other than a Debian or Ubuntu release name (`php:8.3-apache`, `node:22-bookworm` is
fine) are skipped, as the smaller variant may not exist for them.

## Why is this bad?
Full images carry compilers, headers and hundreds of packages the application never uses: they
take longer to pull and start, cost more to store, and every extra package is one more source of
CVEs for scanners to report and for attackers to use.

## Example
```dockerfile
FROM python:3.12
COPY app.py /app/
CMD ["python", "/app/app.py"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```
A slim or Alpine image may lack a library the application loads at run time (Alpine uses musl
instead of glibc): test the smaller image before switching, and install what is missing.

## References
- No hadolint, BuildKit, Trivy or Checkov rule checks this.
- https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image
- https://github.com/GoogleContainerTools/distroless
)md",
};

bool is_version(std::string_view s) {
  if (s == "latest" || s == "lts" || s == "current" || s == "stable") return true;
  if (s.empty()) return false;
  for (char c : s) {
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  }
  return true;
}

bool is_release_name(std::string_view s) {
  for (std::string_view r :
       {"bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal", "jdk"}) {
    if (s == r) return true;
  }
  return false;
}

/// The version part of a tag in the simple shapes "<version>" and "<version>-<release>" ("" for
/// no tag); nullopt for any other shape.
std::optional<std::string_view> simple_version(std::string_view tag) {
  if (tag.empty()) return std::string_view{};
  const size_t dash = tag.find('-');
  const std::string_view version = tag.substr(0, dash);
  if (!is_version(version)) return std::nullopt;
  if (dash != std::string_view::npos && !is_release_name(tag.substr(dash + 1))) {
    return std::nullopt;
  }
  return version;
}

std::string short_name(const std::string& repository) {
  constexpr std::string_view kLibrary = "docker.io/library/";
  if (repository.starts_with(kLibrary)) return repository.substr(kLibrary.size());
  return repository;
}

class FullBaseImageVariant final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    uint32_t s = m.target_stage();
    for (size_t guard = 0; s != model::npos && guard <= m.stages().size(); ++guard) {
      if (m.stage(s).base_kind != model::BaseKind::stage) break;
      s = m.stage(s).parent;
    }
    if (s == model::npos) return;
    const model::Stage& stage = m.stage(s);
    if (stage.base_kind != model::BaseKind::image || stage.base.unresolved) return;
    const kb::ImageFacts facts = kb::lookup(stage.base);
    if (!facts || !facts.variant || facts.variant->name != "full") return;
    const ast::Instruction& from = file.ast.instructions[stage.from_instr];
    if (!from.from_image) return;
    const std::string image =
        stage.base.familiar_name() + (stage.base.tag.empty() ? "" : ":" + stage.base.tag);
    const kb::Variant& full = *facts.variant;

    if (facts.family->toolchain && !facts.family->runtime_image.empty()) {
      out.report(from.from_image->range,
                 fmt::format("the final image is built on the '{}' toolchain ({}); build in an "
                             "earlier stage and copy the result into a runtime image such as "
                             "'{}' ({})",
                             image, kb::size_text(full.size_low, full.size_high),
                             facts.family->runtime_image,
                             kb::size_text(facts.family->runtime_low, facts.family->runtime_high)));
      return;
    }
    const std::optional<std::string_view> version = simple_version(stage.base.tag);
    if (!version || facts.family->smaller.empty()) return;
    const kb::Variant* smaller = kb::find_variant(*facts.family, facts.family->smaller.front());
    if (!smaller) return;
    const std::string name = short_name(facts.family->repositories.front());
    const std::string tag = version->empty() || *version == "latest"
                                ? smaller->name
                                : fmt::format("{}-{}", *version, smaller->name);
    out.report(from.from_image->range,
               fmt::format("'{}' is the full image ({}); '{}:{}' is {} and runs the same "
                           "version",
                           image, kb::size_text(full.size_low, full.size_high), name, tag,
                           kb::size_text(smaller->size_low, smaller->size_high)));
  }
};

}  // namespace

const Rule& full_base_image_variant() {
  static const FullBaseImageVariant rule;
  return rule;
}

}  // namespace dfopt::rules
