#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/hadolint_image.h"
#include "rules/base/suggest.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3026"};

constexpr RuleOption kOptions[] = {
    {"trusted-registries", "",
     "comma-separated registries trusted in addition to the shared `trusted-registries` setting"},
    {"semantics", "hadolint",
     "`hadolint`: find registries as DL3026 does; `buildkit`: normalise references and expand "
     "ARG defaults as BuildKit does"},
};

constexpr RuleInfo kInfo{
    .id = "DF506",
    .name = "untrusted-registry",
    .category = Category::base,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = kOptions,
    .summary = "an image comes from a registry that is not trusted",
    .docs = R"md(## What it does
When trusted registries are configured (the shared `trusted-registries` setting, hadolint's
`trustedRegistries`, or this rule's `trusted-registries` option, a comma-separated list added to
the shared one), flags images pulled from any other registry: `FROM` base images,
`COPY --from=<image>` and `RUN --mount=type=cache|bind,from=<image>`. Inactive when no registry
is configured. An entry is a registry host (`ghcr.io`), `*` (any), `*.example.com` (any host
ending in `.example.com`) or `registry.example.*` (any host starting with `registry.example.`).
Images without a registry come from Docker Hub, which `docker.io` or `hub.docker.com` trusts.
`scratch` and the names of stages pass.

By default the registry is found as hadolint's DL3026 finds it: the first path component, when it
contains a `.`, compared exactly. So `localhost:5000/app` counts as Docker Hub, variables are not
expanded, and `COPY --from=0` is checked as an image called `0`. With the option
`semantics = "buildkit"` references are normalised as Docker does instead (`localhost:5000/app`
comes from `localhost:5000`, `index.docker.io/...` from `docker.io`), `ARG` defaults are
expanded, stage indexes and `ONBUILD` triggers are resolved, and hosts compare
case-insensitively; images that depend on an `ARG` without a default are skipped.

## Why is this bad?
A base image runs with full trust inside the build and ends up in the product. Organisations
restrict where images may come from (a mirror, a vetted internal registry) so that a typo or a
copied snippet does not pull code from an unknown publisher.

## Example
With `trusted-registries: [registry.example.com]`:
```dockerfile
FROM quay.io/prometheus/busybox:latest
```

## Use instead
```dockerfile
FROM registry.example.com/mirror/prometheus/busybox:1.36
```

## References
- hadolint DL3026: the same check (with the default `semantics`).
- https://docs.docker.com/reference/dockerfile/#from
)md",
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = detail::ascii_lower(c);
  return out;
}

// hadolint's matchRegistry: `*`, `*suffix`, `prefix*` or the exact host.
bool matches(std::string_view pattern, std::string_view registry) {
  if (pattern == "*") return true;
  if (!pattern.empty() && pattern.front() == '*') return registry.ends_with(pattern.substr(1));
  if (!pattern.empty() && pattern.back() == '*') {
    return registry.starts_with(pattern.substr(0, pattern.size() - 1));
  }
  return registry == pattern;
}

struct State final : RuleState {
  bool active = false;
  bool buildkit = false;
  std::vector<std::string> trusted;            // as configured
  std::string trusted_list;                    // for messages
  std::unordered_set<std::string_view> names;  // hadolint: `AS` names so far, as written

  bool any_matches(std::string_view registry) const {
    for (const std::string& p : trusted) {
      if (matches(p, registry)) return true;
    }
    return false;
  }
  // DL3026's isAllowed.
  bool hadolint_allowed(std::string_view registry, std::string_view name) const {
    if (!registry.empty()) return any_matches(registry);
    return name == "scratch" || any_matches("docker.io") || any_matches("hub.docker.com");
  }
  bool is_name(std::string_view name) const { return names.contains(name); }
  std::string untrusted(std::string_view what, std::string_view image,
                        std::string_view registry) const {
    return fmt::format(
        "{} '{}' comes from {}, which is not trusted (trusted: {})", what, image,
        registry.empty() ? std::string("Docker Hub") : fmt::format("registry '{}'", registry),
        trusted_list);
  }
};

class UntrustedRegistry final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::copy) |
           kind_bit(ast::InstrKind::run);
  }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->trusted = file.settings.trusted_registries;
    const std::string_view extra = file.option(kInfo, "trusted-registries");
    for (size_t pos = 0; pos < extra.size();) {
      size_t end = extra.find(',', pos);
      if (end == std::string_view::npos) end = extra.size();
      std::string_view item = extra.substr(pos, end - pos);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) st->trusted.emplace_back(item);
      pos = end + 1;
    }
    st->active = !st->trusted.empty();
    st->buildkit = file.option(kInfo, "semantics") == "buildkit";
    for (const std::string& t : st->trusted) {
      if (!st->trusted_list.empty()) st->trusted_list += ", ";
      st->trusted_list += t;
    }
    if (st->buildkit) {
      for (std::string& t : st->trusted) t = lower(t);
    }
    return st;
  }

  // hadolint semantics: instruction by instruction, as DL3026 folds over the file.
  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (!st.active || st.buildkit) return;
    const ast::Instruction& ins = ref.instr;
    switch (ins.kind) {
      case ast::InstrKind::from: {
        if (!ins.from_image) break;
        const auto img = detail::parse_hadolint_from_image(ins.from_image->value);
        if (img && !st.is_name(img->name) && !st.hadolint_allowed(img->registry, img->name)) {
          out.report(ins.from_image->range,
                     st.untrusted("base image", ins.from_image->value, img->registry));
        }
        if (ins.from_name) st.names.insert(ins.from_name->value);
        break;
      }
      case ast::InstrKind::copy: {
        const ast::Flag* f = ins.flag("from");
        if (!f || !f->value) break;
        const auto [registry, name] = detail::hadolint_image_from_string(*f->value);
        if (st.is_name(name) || st.hadolint_allowed(registry, name)) break;
        out.report(f->range, st.untrusted("'COPY --from' image", *f->value, registry));
        break;
      }
      case ast::InstrKind::run:
        // One finding per RUN, at its first mount from an untrusted image.
        for (const model::RunMount& m : file.model.mounts(ref.index)) {
          if (m.type != "cache" && m.type != "bind") continue;
          const std::string_view from = m.from.empty() ? std::string_view("scratch") : m.from;
          const auto [registry, name] = detail::hadolint_image_from_string(from);
          if (st.is_name(name) || st.hadolint_allowed(registry, name)) continue;
          out.report(ins.flags[m.flag_index].range, st.untrusted("mount image", from, registry));
          break;
        }
        break;
      default:
        break;
    }
  }

  // BuildKit semantics: the model's normalised references, stage graph included.
  void finish(const FileContext& file, RuleState* state, Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    if (!st.active || !st.buildkit) return;
    auto is_trusted = [&](std::string_view registry) {
      const std::string r = lower(registry);
      return st.any_matches(r) || (r == "docker.io" && st.any_matches("hub.docker.com"));
    };
    const model::Model& m = file.model;
    for (const model::Stage& stage : m.stages()) {
      const model::ImageRef& base = stage.base;
      if (stage.base_kind != model::BaseKind::image || !base.valid) continue;
      if (base.unresolved && !m.expand(stage.from_instr, base.raw).unresolved.empty()) continue;
      if (is_trusted(base.registry)) continue;
      const ast::Instruction& from = file.ast.instructions[stage.from_instr];
      if (!from.from_image) continue;
      out.report(from.from_image->range, st.untrusted("base image", base.expanded, base.registry));
    }
    // COPY --from and RUN --mount from= images. A trigger of an ONBUILD appears once per stage
    // built from its stage; report it once, where it is written.
    std::vector<TextRange> onbuild_seen;
    for (const model::StageDep& d : m.deps()) {
      if (d.target != model::npos || d.scratch || !d.error.empty() || !d.image.valid) continue;
      if (is_trusted(d.image.registry)) continue;
      if (d.via_onbuild) {
        if (std::find(onbuild_seen.begin(), onbuild_seen.end(), d.range) != onbuild_seen.end()) {
          continue;
        }
        onbuild_seen.push_back(d.range);
      }
      out.report(d.range, st.untrusted(d.kind == model::DepKind::copy_from ? "'COPY --from' image"
                                                                           : "mount image",
                                       d.ref, d.image.registry));
    }
  }
};

}  // namespace

const Rule& untrusted_registry() {
  static const UntrustedRegistry rule;
  return rule;
}

}  // namespace dfopt::rules
