#include <fmt/format.h>

#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3067"};

constexpr RuleInfo kInfo{
    .id = "DF207",
    .name = "copy-whole-filesystem",
    .category = Category::stages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`COPY --from` copies a whole filesystem to `/`",
    .docs = R"md(## What it does
Flags `COPY --from=<stage or image>` with `/` among its sources and `/` as its destination (quotes
around either are ignored; the JSON form counts too).

## Why is this bad?
Copying everything from another stage to `/` brings along its package manager, caches, compilers,
shells and `/etc` files, which defeats the point of a multi-stage build, and it silently replaces
files of the current stage (its `/etc/passwd`, its libraries). The image grows and its contents
are hard to reason about. Copy only the directories the final stage needs.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build / /
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## References
- hadolint DL3067: the same check (top-level `COPY` only, as here).
)md",
};

// hadolint's dropQuotes: quote characters around the path are ignored.
std::string_view drop_quotes(std::string_view s) {
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

class CopyWholeFilesystem final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::copy); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    const ast::Flag* from = ins.flag("from");
    if (!from || ins.args.size() < 2) return;
    const ast::Word& dest = ins.args.back();
    if (drop_quotes(dest.value) != "/") return;
    for (size_t i = 0; i + 1 < ins.args.size(); ++i) {
      if (drop_quotes(ins.args[i].value) != "/") continue;
      out.report({ins.args[i].range.begin, dest.range.end},
                 fmt::format("the whole filesystem of '{}' is copied to '/'",
                             from->value.value_or(std::string())));
      return;
    }
  }
};

}  // namespace

const Rule& copy_whole_filesystem() {
  static const CopyWholeFilesystem rule;
  return rule;
}

}  // namespace dfopt::rules
