#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL1001"};

constexpr RuleInfo kInfo{
    .id = "DF726",
    .name = "hadolint-ignore-pragma",
    .category = Category::style,
    .severity = Severity::info,
    .enabled_by_default = false,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "inline `# hadolint ignore=` pragma",
    .docs = R"md(## What it does
Flags every comment that hadolint reads as an inline ignore pragma: `# hadolint ignore=` followed
by a comma-separated list of upper-case rule codes (`DL3008`, `SC2086`), then optionally blanks
and a `# reason`. The match is hadolint's: the comment must have exactly this shape (any other
trailing text, or a lower-case code, makes it no pragma), and comments inside a line continuation
are not read. `global ignore=` and `stage ignore=` pragmas and dfopt's own pragmas are not
flagged. Off by default.

## Why is this bad?
Some teams want every exception to a rule recorded centrally (in the configuration, with its
reason) rather than scattered through Dockerfiles. Pair this rule with turning pragmas off
(`honour-pragmas = false`, or hadolint's `disable-ignore-pragma`) to enforce that.

## Example
```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3020
ADD app /app
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app /app
```

## References
- hadolint DL1001: the same check.
- `inline-ignore-pragma` (DF721) also flags `# dfopt ignore=` and the `stage ignore=` forms.
)md",
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// Whether `text` (a comment line from its '#') parses completely as hadolint's inline ignore
/// pragma: blanks, `hadolint`, blanks, `ignore`, `=`, codes of [DLSC0-9] separated by commas,
/// each code optionally followed by blanks and a `# comment` that runs to the end.
bool is_hadolint_ignore(std::string_view text) {
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);  // hadolint reads LF lines
  // Past the '#'.
  size_t i = 1;
  auto blanks = [&] {
    const size_t start = i;
    while (i < text.size() && is_blank(text[i])) ++i;
    return i - start;
  };
  auto word = [&](std::string_view w) {
    if (text.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  };
  auto code_char = [](char c) {
    return c == 'D' || c == 'L' || c == 'S' || c == 'C' || (c >= '0' && c <= '9');
  };
  blanks();
  if (!word("hadolint") || blanks() == 0 || !word("ignore")) return false;
  blanks();
  if (!word("=")) return false;
  blanks();
  for (;;) {
    const size_t start = i;
    while (i < text.size() && code_char(text[i])) ++i;
    if (i == start) return false;
    blanks();
    if (i < text.size() && text[i] == '#') return true;  // a trailing comment ends the pragma
    if (i == text.size()) return true;
    if (text[i] != ',') return false;
    ++i;
    blanks();
  }
}

class HadolintIgnorePragma final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void finish(const FileContext& file, RuleState*, Reporter& out) const override {
    for (const ast::Comment& c : file.ast.comments) {
      // hadolint's parser skips comment lines inside a continued instruction.
      if (c.inside_instruction) continue;
      if (!is_hadolint_ignore(file.source.slice(c.range))) continue;
      out.report(c.range, "inline `hadolint ignore` pragma");
    }
  }
};

}  // namespace

const Rule& hadolint_ignore_pragma() {
  static const HadolintIgnorePragma rule;
  return rule;
}

}  // namespace dfopt::rules
