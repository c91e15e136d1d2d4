#include <fmt/format.h>

#include <string>
#include <string_view>

#include "dfopt/rule.h"
#include "rules/base/base_images.h"
#include "rules/runtime/final_stage_chain.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF216",
    .name = "copy-root-from-stage",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary =
        "the image the build produces copies the whole filesystem of another stage or "
        "image",
    .docs = R"md(## What it does
Flags a `COPY --from=<stage or image>` whose source is the root of that filesystem (`/`, `.` or
`./`; quotes are ignored, the JSON form counts too) in the stage the build produces (the last
stage, or the `--target`) or a stage it is built `FROM`, whatever the destination. The case
`COPY --from=x / /`, source `/` and destination `/`, is left to `copy-whole-filesystem` (DF207),
which reports it in every stage.

Not reported:
- a `--from` stage whose `FROM` chain starts at `scratch`: it holds only the files copied into it,
  so copying its root is the usual way to assemble a final filesystem;
- copies into a stage the produced image does not inherit from (an intermediate stage that then
  picks files out of the copy);
- `--from` values with unresolved variables, and `COPY` inside `ONBUILD`.

## Why is this bad?
The builder's root holds its package manager, caches, compilers, headers, shells and `/etc`
files. Copying all of it into the produced image defeats the multi-stage build: the image grows
by the size of the builder, carries every tool an attacker could use, and nobody can tell which
of those files the application needs. Copy only the build output.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build / /build/
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## References
- hadolint DL3067 reports `COPY --from=x / /` only (see `copy-whole-filesystem`, DF207), in any
  stage; this rule covers the other destinations and the `.` spelling, for the produced image.
- https://docs.docker.com/build/building/multi-stage/
)md",
};

// hadolint's dropQuotes: quote characters around the path are ignored.
std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

// `/`, `//`, `.`, `./`, `/.`: the root of the --from filesystem.
bool is_root_path(std::string_view p) {
  if (p.empty()) return false;
  for (char c : p) {
    if (c != '/' && c != '.') return false;
  }
  // `..` climbs above the root, which BuildKit clamps to the root as well; still the root.
  return true;
}

class CopyRootFromStage final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    const model::Model& m = file.model;
    const std::vector<uint32_t> chain = runtime::target_chain(m);
    for (const uint32_t s : chain) {
      for (const model::StageDep& dep : m.deps_of(s)) {
        if (dep.kind != model::DepKind::copy_from || dep.via_onbuild || !dep.error.empty() ||
            dep.scratch || dep.forward_reference) {
          continue;
        }
        const ast::Instruction& ins = file.ast.instructions[dep.instr];
        if (!ins.is(ast::InstrKind::copy) || ins.args.size() < 2) continue;
        std::string source;
        if (dep.target != model::npos) {
          // A stage that starts from scratch holds only what was copied into it.
          if (kb::chain_root(m, dep.target) == model::npos) continue;
          const model::Stage& from = m.stage(dep.target);
          source = dep.by_index || from.name.empty() ? fmt::format("stage {}", dep.target)
                                                     : fmt::format("stage '{}'", from.name);
        } else {
          if (!dep.image.valid) continue;
          source = fmt::format("image '{}'", dep.ref);
        }
        const ast::Word& dest = ins.args.back();
        const std::string_view dest_path = drop_quotes(dest.value);
        for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
          const std::string_view src = drop_quotes(ins.args[i].value);
          if (!is_root_path(src)) continue;
          if (src == "/" && dest_path == "/") break;  // copy-whole-filesystem (DF207)
          out.report({ins.args[i].range.begin, dest.range.end},
                     fmt::format("the whole filesystem of {} is copied into the final image at "
                                 "'{}'; copy only the files the image needs",
                                 source, dest_path));
          break;
        }
      }
    }
  }
};

}  // namespace

const Rule& copy_root_from_stage() {
  static const CopyRootFromStage rule;
  return rule;
}

}  // namespace dfopt::rules
