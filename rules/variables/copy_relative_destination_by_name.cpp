#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <unordered_map>

#include "dfopt/rule.h"
#include "rules/variables/var_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3045"};

constexpr RuleInfo kInfo{
    .id = "DF809",
    .name = "copy-relative-destination-by-name",
    .category = Category::variables,
    .severity = Severity::warning,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY` to a relative destination without `WORKDIR`, stages tracked by name",
    .docs = R"md(## What it does
Flags a `COPY` whose destination (surrounding quotes dropped) is relative, that is neither
`/...`, a variable (`$...`) nor a Windows path (`C:\...`, `C:/...`), while no `WORKDIR` is
recorded for the current stage.

`WORKDIR`s are recorded under the name a stage is known by: its `AS` name, or else the name of
its base image without registry, tag or digest (`python` for `FROM python:3.12`). A stage starts
with the record of the name its `FROM` refers to, so a stage `FROM build` inherits the `WORKDIR`
of the stage named `build`, and a second unnamed stage `FROM node:20` inherits the `WORKDIR` of
an earlier unnamed stage `FROM node:20`, although the two are unrelated. `WORKDIR` and `COPY`
inside `ONBUILD` are not considered.

This rule is off by default: `copy-relative-destination` (DF805) follows the real stage chain
instead, as BuildKit builds it. Enable this one to mirror hadolint exactly.

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

## References
- hadolint DL3045: the same check, with the same bookkeeping by stage name.
- `copy-relative-destination` (DF805) does not let unrelated stages share a `WORKDIR`.
- https://docs.docker.com/reference/dockerfile/#copy
)md",
};

/// The image name hadolint keys a stage without `AS` by: the reference without a registry
/// (a first component with a '.' in it, followed by '/'), a tag or a digest.
std::string_view hadolint_image_name(std::string_view ref) {
  const size_t dot = ref.find('.');
  if (dot != std::string_view::npos && dot > 0) {
    const size_t slash = ref.find('/', dot + 1);
    if (slash != std::string_view::npos && slash > dot + 1) ref.remove_prefix(slash + 1);
  }
  return ref.substr(0, ref.find_first_of(":@"));
}

struct State final : RuleState {
  bool started = false;  // a FROM or WORKDIR was seen
  // The current stage's key; nullopt for a WORKDIR before the first FROM.
  std::optional<std::string_view> current;
  bool none_has_workdir = false;
  // Stage key (owned by the AST) -> whether a WORKDIR is recorded for it.
  std::unordered_map<std::string_view, bool> workdir;

  bool has_workdir() const {
    if (!current) return none_has_workdir;
    const auto it = workdir.find(*current);
    return it != workdir.end() && it->second;
  }
};

class CopyRelativeDestinationByName final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::from) | kind_bit(ast::InstrKind::workdir) |
           kind_bit(ast::InstrKind::copy);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    switch (ins.kind) {
      case ast::InstrKind::from: {
        if (!ins.from_image) return;
        const std::string_view image = hadolint_image_name(ins.from_image->value);
        const std::string_view key = ins.from_name ? std::string_view(ins.from_name->value) : image;
        if (st.started) {
          // The new stage starts with the record of the name its FROM refers to.
          const auto parent = st.workdir.find(image);
          st.workdir[key] = parent != st.workdir.end() && parent->second;
        }
        st.started = true;
        st.current = key;
        return;
      }
      case ast::InstrKind::workdir:
        if (!st.started) {
          st.started = true;
          st.current.reset();
        }
        if (st.current) {
          st.workdir[*st.current] = true;
        } else {
          st.none_has_workdir = true;
        }
        return;
      default:
        break;
    }
    if (ins.args.size() < 2 || st.has_workdir()) return;
    const ast::Word& dest_word = ins.args.back();
    const std::string_view dest = var_util::drop_quotes(dest_word.value);
    if (dest.starts_with("/") || dest.starts_with("$")) return;
    if (dest.size() >= 3 && (dest.substr(1, 2) == ":\\" || dest.substr(1, 2) == ":/")) return;
    out.report(dest_word.range,
               fmt::format("`COPY` to the relative destination '{}' without `WORKDIR`", dest));
  }
};

}  // namespace

const Rule& copy_relative_destination_by_name() {
  static const CopyRelativeDestinationByName rule;
  return rule;
}

}  // namespace dfopt::rules
