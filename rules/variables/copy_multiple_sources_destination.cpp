#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/variables/var_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3021"};

constexpr RuleInfo kInfo{
    .id = "DF806",
    .name = "copy-multiple-sources-destination",
    .category = Category::variables,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY` of several sources to a destination without a trailing `/`",
    .docs = R"md(## What it does
Flags a `COPY` with more than one source (paths and heredocs alike, with or without
`--parents`) whose destination, with surrounding quotes dropped, does not end with `/`.

## Why is this bad?
With several sources the destination must be a directory. The classic builder rejects the
instruction ("When using COPY with more than one source file, the destination must be a
directory and end with a /"), and the trailing slash tells every reader that the destination
is a directory.

## Example
```dockerfile
FROM alpine:3.20
COPY package.json package-lock.json /app
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY package.json package-lock.json /app/
```

## Fix safety
The fix appends `/` to the destination. It is unsafe: where the classic builder failed, the
build now succeeds, and with BuildKit a destination that already exists as a file now fails.

## References
- hadolint DL3021: the same check.
- Trivy DS-0011 counts the raw arguments instead: it also flags `COPY a b "dir/"` (the last
  argument ends with a quote), and it skips the `COPY file:<hash> in <dest>` form of
  `docker history`; it is not aliased.
- https://docs.docker.com/reference/dockerfile/#copy
)md",
};

class CopyMultipleSourcesDestination final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::copy); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.args.size() < 3) return;
    const ast::Word& dest = ins.args.back();
    const std::string_view path = var_util::drop_quotes(dest.value);
    if (path.ends_with("/")) return;
    // Insert the slash inside a closing quote: `"dir"` -> `"dir/"`, ["a", "dir"] -> ["a", "dir/"].
    const std::string_view raw = file.source.slice(dest.range);
    uint32_t at = dest.range.end;
    if (!raw.empty() && (raw.back() == '"' || raw.back() == '\'')) --at;
    Fix fix;
    fix.title = "Add a trailing `/` to the destination";
    fix.applicability = Applicability::unsafe;
    fix.edits.push_back({TextRange{at, at}, "/"});
    out.report(dest.range,
               fmt::format("`COPY` with {} sources to '{}', which does not end with '/'",
                           ins.args.size() - 1, path),
               std::move(fix));
  }
};

}  // namespace

const Rule& copy_multiple_sources_destination() {
  static const CopyMultipleSourcesDestination rule;
  return rule;
}

}  // namespace dfopt::rules
