#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF721",
    .name = "inline-ignore-pragma",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "inline `ignore=` pragma comment",
    .docs = R"md(## What it does
Flags every inline suppression comment: `# dfopt ignore=...` and `# hadolint ignore=...`, and
their `stage ignore=` forms. File-wide `global ignore=` pragmas and BuildKit's `# check=`
directive are not flagged. Off by default.

## Why is this bad?
Some teams want every exception to a rule recorded centrally (in the configuration, with its
reason) rather than scattered through Dockerfiles. Pair this rule with turning pragmas off
(`honour-pragmas = false`) to enforce that.

## Example
```dockerfile
FROM alpine:3.20
# dfopt ignore=add-instead-of-copy
ADD app /app
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app /app
```

## References
- hadolint DL1001 flags `# hadolint ignore=` pragmas only; this rule also flags dfopt's own
  pragmas, so it lists no alias. `hadolint-ignore-pragma` (DF726) is hadolint's check exactly.
)md",
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// `# (dfopt|hadolint) [stage] ignore =`: the pragma tool name, or "" when `text` is no
/// inline ignore pragma.
std::string_view inline_pragma(std::string_view text) {
  size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && is_blank(text[i])) ++i;
  };
  auto word = [&] {
    const size_t start = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '-')) ++i;
    return text.substr(start, i - start);
  };
  if (text.empty() || text[0] != '#') return {};
  ++i;
  skip();
  const std::string_view tool = word();
  if (tool != "dfopt" && tool != "hadolint") return {};
  if (i >= text.size() || !is_blank(text[i])) return {};
  skip();
  std::string_view verb = word();
  if (verb == "stage") {
    skip();
    verb = word();
  }
  if (verb != "ignore") return {};
  skip();
  if (i >= text.size() || text[i] != '=') return {};
  return tool;
}

class InlineIgnorePragma final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    for (const ast::Comment& c : file.ast.comments) {
      const std::string_view tool = inline_pragma(file.source.slice(c.range));
      if (tool.empty()) continue;
      out.report(c.range, fmt::format("inline `{} ignore` pragma", tool));
    }
  }
};

}  // namespace

const Rule& inline_ignore_pragma() {
  static const InlineIgnorePragma rule;
  return rule;
}

}  // namespace dfopt::rules
