#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL4000", "MaintainerDeprecated", "DS-0022",
                                         "CKV_DOCKER_6"};

constexpr RuleInfo kInfo{
    .id = "DF701",
    .name = "maintainer-instruction",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::always,
    .aliases = kAliases,
    .options = {},
    .summary = "`MAINTAINER` is deprecated",
    .docs = R"md(## What it does
Flags every `MAINTAINER` instruction.

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13. It sets the image's `Author` field, which
tools no longer read; the OCI label `org.opencontainers.image.authors` carries the same
information where registries and scanners look for it.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix safety
The fix replaces the instruction with the label. It is unsafe: the image's `Author` field is no
longer set, so anything that reads it (`docker inspect --format '{{.Author}}'`) changes.

## References
- hadolint DL4000, BuildKit `MaintainerDeprecated`, Trivy DS-0022, Checkov CKV_DOCKER_6: the
  same check (any `MAINTAINER`).
- https://docs.docker.com/reference/dockerfile/#maintainer-deprecated
)md",
};

// A double-quoted LABEL value that BuildKit reads back as `text`: the escape token, `"` and `$`
// (LABEL values are expanded, MAINTAINER's are not) are escaped.
std::string quote_label_value(std::string_view text, char escape) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '$' || c == escape) out.push_back(escape);
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

class MaintainerInstruction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::maintainer); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    std::optional<Fix> fix;
    if (!ins.args.empty()) {
      Fix f;
      f.title = "Replace with `LABEL org.opencontainers.image.authors`";
      f.applicability = Applicability::unsafe;
      f.edits.push_back(
          {ins.range, fmt::format("LABEL org.opencontainers.image.authors={}",
                                  quote_label_value(ins.args[0].value, file.ast.escape))});
      fix = std::move(f);
    }
    out.report(ins.keyword.range,
               "`MAINTAINER` is deprecated; use `LABEL org.opencontainers.image.authors`",
               std::move(fix));
  }
};

}  // namespace

const Rule& maintainer_instruction() {
  static const MaintainerInstruction rule;
  return rule;
}

}  // namespace dfopt::rules
