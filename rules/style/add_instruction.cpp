#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"CKV_DOCKER_4"};

constexpr RuleInfo kInfo{
    .id = "DF709",
    .name = "add-instruction",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "any `ADD` instruction",
    .docs = R"md(## What it does
Flags every `ADD` instruction, whatever its sources. Off by default: `add-instead-of-copy`
(DF708) flags only the `ADD`s that `COPY` could replace.

## Why is this bad?
Some policies forbid `ADD` outright: it downloads remote content (without a checksum unless
`--checksum` is given) and unpacks local archives implicitly, both of which make the image's
contents harder to audit. `COPY` plus an explicit `RUN curl`/`tar` step is easier to review.

## Example
```dockerfile
FROM alpine:3.20
ADD https://example.com/tool.tar.gz /opt/
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN wget -qO- https://example.com/tool.tar.gz | tar -xz -C /opt
```

## References
- Checkov CKV_DOCKER_4: the same check (any `ADD`; an `ADD` inside `ONBUILD` is an `ONBUILD`
  instruction for Checkov and is not flagged).
- https://docs.docker.com/reference/dockerfile/#add
)md",
};

class AddInstruction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::add); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    out.report(ref.instr.keyword.range, "`ADD` instruction; prefer `COPY` and explicit steps");
  }
};

}  // namespace

const Rule& add_instruction() {
  static const AddInstruction rule;
  return rule;
}

}  // namespace dfopt::rules
