#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/variables/var_util.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF805",
    .name = "copy-relative-destination",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = {},
    .options = {},
    .summary = "`COPY` to a relative destination without `WORKDIR`",
    .docs = R"md(## What it does
Flags a `COPY` whose destination (surrounding quotes dropped) is relative, that is neither
`/...`, a variable (`$...`) nor a Windows path (`C:\...`, `C:/...`), while no `WORKDIR` was set
in the stage or in the stages it builds `FROM` in this file.

## Why is this bad?
A relative destination is resolved against the working directory, which without a `WORKDIR`
is the base image's: the files land wherever the base image happens to point, and move when it
changes.

## Example
```dockerfile
FROM node:20
COPY package.json ./
```

## Use instead
```dockerfile
FROM node:20
WORKDIR /app
COPY package.json ./
```

## Fix safety
In a stage chain that starts from `scratch` the working directory is `/`, so the fix makes the
destination absolute; it is safe. Elsewhere there is no fix.

## References
- hadolint DL3045 checks the same, but it tracks `WORKDIR` by the name a stage is known under,
  so a second unnamed stage built `FROM` the same image as an earlier unnamed stage inherits
  that stage's `WORKDIR`. dfopt follows the real stage chain (BuildKit's), so it lists no alias;
  `copy-relative-destination-by-name` (DF809) is hadolint's check exactly.
- https://docs.docker.com/reference/dockerfile/#copy
)md",
};

/// The destination as an absolute path when the working directory is "/".
std::string absolute_from_root(std::string_view dest) {
  while (dest.starts_with("./")) dest.remove_prefix(2);
  if (dest == ".") return "/";
  return "/" + std::string(dest);
}

class CopyRelativeDestination final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::copy); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.args.size() < 2 || ref.stage == model::npos) return;
    if (file.model.workdir_setting_at(ref.index) != nullptr) return;
    const ast::Word& dest_word = ins.args.back();
    const std::string_view dest = var_util::drop_quotes(dest_word.value);
    if (dest.starts_with("/") || dest.starts_with("$")) return;
    if (dest.size() >= 3 && (dest.substr(1, 2) == ":\\" || dest.substr(1, 2) == ":/")) return;
    std::optional<Fix> fix;
    if (!file.model.stage(ref.stage).inherits_external_image &&
        var_util::is_plain_path(dest_word.value) &&
        file.source.slice(dest_word.range) == dest_word.value) {
      Fix f;
      std::string abs = absolute_from_root(dest_word.value);
      f.title = fmt::format("Copy to `{}`", abs);
      f.applicability = Applicability::safe;
      f.edits.push_back({dest_word.range, std::move(abs)});
      fix = std::move(f);
    }
    out.report(dest_word.range,
               fmt::format("`COPY` to the relative destination '{}' without `WORKDIR`", dest),
               std::move(fix));
  }
};

}  // namespace

const Rule& copy_relative_destination() {
  static const CopyRelativeDestination rule;
  return rule;
}

}  // namespace dfopt::rules
