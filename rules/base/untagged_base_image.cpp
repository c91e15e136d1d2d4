#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_set>

#include "dfopt/rule.h"
#include "rules/base/hadolint_image.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3006"};

constexpr RuleOption kOptions[] = {
    {"semantics", "hadolint",
     "`hadolint`: read the reference as written, as DL3006 does; `buildkit`: expand ARG "
     "defaults and normalise the reference as BuildKit does"},
};

constexpr RuleInfo kInfo{
    .id = "DF501",
    .name = "untagged-base-image",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "a base image has neither tag nor digest",
    .docs = R"md(## What it does
Flags a `FROM` whose image has neither a tag nor a digest, such as `FROM ubuntu`. `scratch` and
the names of earlier stages are not images and pass.

By default the reference is read as written, exactly as hadolint's DL3006 does: an image
starting with `$` is skipped, stage names compare case-sensitively, and a registry is recognised
by a `.` in its host, so the port in `localhost:5000/app` is taken for a tag. With the option
`semantics = "buildkit"` the reference is read the way BuildKit resolves it instead: `ARG`
defaults are expanded (`FROM $BASE` with `ARG BASE=ubuntu` is flagged), the registry is split off
properly (`localhost:5000/app` is untagged), stage names ignore case, and only references that
depend on an `ARG` without a default are skipped.

## Why is this bad?
Without a tag BuildKit pulls `latest`, which moves: the same Dockerfile builds a different image
next month, possibly a new major version, and a build that worked stops working for reasons
unrelated to any change in the repository.

## Example
```dockerfile
FROM ubuntu
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl
```
A digest (`ubuntu:24.04@sha256:...`) pins the image completely.

## References
- hadolint DL3006: the same check (with the default `semantics`).
- Trivy DS-0001 reports untagged images together with `:latest` (see `latest-tag-base-image`);
  Checkov CKV_DOCKER_7 looks at the first `FROM` only.
- https://docs.docker.com/reference/dockerfile/#from
)md",
};

struct State final : RuleState {
  bool buildkit = false;
  std::unordered_set<std::string_view> names;  // `AS` names of the FROMs so far, as written
};

class UntaggedBaseImage final : public Rule {
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
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.from_image) {
      if (st.buildkit) {
        check_buildkit(file, ref, out);
      } else {
        check_hadolint(st, *ins.from_image, out);
      }
    }
    if (ins.from_name) st.names.insert(ins.from_name->value);
  }

 private:
  // DL3006 on language-docker's reading of the word.
  static void check_hadolint(const State& st, const ast::Word& image, Reporter& out) {
    const auto img = detail::parse_hadolint_from_image(image.value);
    if (!img || img->name == "scratch" || img->digest || img->tag) return;
    if (img->name.starts_with('$')) return;
    if (st.names.contains(img->name)) return;
    out.report(image.range, fmt::format("base image '{}' has no tag or digest", image.value));
  }

  static void check_buildkit(const FileContext& file, const InstrRef& ref, Reporter& out) {
    if (ref.stage == model::npos) return;
    const model::Stage& stage = file.model.stage(ref.stage);
    const model::ImageRef& base = stage.base;
    if (stage.base_kind != model::BaseKind::image || !base.valid) return;
    // An ARG without default may be set with --build-arg; an undeclared variable may not, so its
    // (empty) expansion is what every build sees.
    if (base.unresolved && !file.model.expand(stage.from_instr, base.raw).unresolved.empty()) {
      return;
    }
    if (!base.tag.empty() || !base.digest.empty()) return;
    std::string message =
        base.raw == base.expanded
            ? fmt::format("base image '{}' has no tag or digest", base.raw)
            : fmt::format("base image '{}' ('{}' with the ARG defaults) has no tag or digest",
                          base.raw, base.expanded);
    message += fmt::format("; it resolves to '{}:latest'", base.familiar_name());
    out.report(ref.instr.from_image->range, std::move(message));
  }
};

}  // namespace

const Rule& untagged_base_image() {
  static const UntaggedBaseImage rule;
  return rule;
}

}  // namespace dfopt::rules
