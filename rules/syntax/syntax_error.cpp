#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF901",
    .name = "syntax-error",
    .category = Category::syntax,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "the Dockerfile does not parse",
    .docs = R"md(## What it does
Reports what BuildKit's Dockerfile parser rejects: unterminated heredocs, malformed flags,
invalid or repeated parser directives, a file with no instructions, and other syntax errors.
The engine reports these whatever the rule selection is, because a file that BuildKit cannot
parse must never look clean.

## Why is this bad?
`docker build` stops at the first syntax error, so the image cannot be built at all. Other
rules still run on the parts that parsed, but their findings may be incomplete.

## Example
```dockerfile
FROM alpine:3.20
RUN cat <<END
hello
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN cat <<END
hello
END
```

## References
- https://docs.docker.com/reference/dockerfile/#parser-directives
- https://docs.docker.com/reference/dockerfile/#here-documents
)md",
};

/// The parser produces these diagnostics (code `syntax-error`); the engine files them under this
/// rule's ID. The rule itself subscribes to nothing.
class SyntaxError final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
};

}  // namespace

const Rule& syntax_error() {
  static const SyntaxError rule;
  return rule;
}

}  // namespace dfopt::rules
