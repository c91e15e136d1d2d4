#include <fmt/format.h>

#include "dfopt/rule.h"
#include "dfopt/word_expansion.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"LegacyKeyValueFormat"};

constexpr RuleInfo kInfo{
    .id = "DF703",
    .name = "legacy-key-value-format",
    .category = Category::style,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`ENV`/`LABEL` uses the legacy `key value` form",
    .docs = R"md(## What it does
Flags `ENV` and `LABEL` instructions written as `KEY value` (a blank instead of `=`).

## Why is this bad?
The legacy form sets a single variable whose value is the whole rest of the line, blanks and
quotes included, which surprises readers: `ENV A B C=1` sets `A` to `B C=1`. Docker documents it
as deprecated and may remove it.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME /srv/app
LABEL description A small image
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app
LABEL description="A small image"
```

## Fix safety
BuildKit expands a legacy value as one word (quotes removed, escapes applied, variables
expanded, blanks kept), while in `key=value` form the value ends at the first unquoted blank.
The fix therefore writes `KEY=value` unchanged when the value has no blank, and otherwise
double-quotes the value BuildKit reads. Both are safe when the value has no `$` (the quoted
form is computed from the processed value, so quotes and escapes in it are re-escaped). A value
with blanks and `$` but no quote or escape is wrapped in double quotes; that fix is unsafe,
because inside double quotes variable expansion is the same but the fix cannot prove it for
every modifier form. Values with blanks, `$` and quotes or escapes get no fix.

## References
- BuildKit `LegacyKeyValueFormat`: the same check (one finding per legacy pair; ENV and LABEL of
  every stage; not the instruction inside `ONBUILD`).
- https://docs.docker.com/reference/build-checks/legacy-key-value-format/
)md",
};

bool has_blank(std::string_view s) {
  return s.find_first_of(" \t\v\f\r") != std::string_view::npos;
}

/// A double-quoted word that BuildKit's ProcessWord reads back as `text`.
std::string double_quote(std::string_view text, char escape) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '$' || c == escape) out.push_back(escape);
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

class LegacyKeyValueFormat final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::env) | kind_bit(ast::InstrKind::label);
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    for (const ast::KeyValue& kv : ins.pairs) {
      if (!kv.legacy || !kv.value) continue;
      out.report(kv.range,
                 fmt::format("{} '{}' uses the legacy `key value` form; use `{}=value`",
                             ast::keyword_name(ins.kind), kv.key.value, kv.key.value),
                 make_fix(file, kv));
    }
  }

 private:
  static std::optional<Fix> make_fix(const FileContext& file, const ast::KeyValue& kv) {
    const char escape = file.ast.escape;
    const ast::Word& value = *kv.value;
    // The source between key and value: blanks, maybe a line continuation.
    const TextRange gap{kv.key.range.end, value.range.begin};
    if (gap.begin > gap.end || value.range.empty()) return std::nullopt;
    // A comment line inside the continuation would be lost by the rewrite.
    const std::string_view span = file.source.slice(TextRange{gap.begin, value.range.end});
    if (span.find('\n') != std::string_view::npos && span.find('#') != std::string_view::npos) {
      return std::nullopt;
    }
    Fix fix;
    fix.title = "Use the `key=value` form";
    if (!has_blank(value.value)) {
      // One word either way, and BuildKit processes the same text: identical value.
      fix.applicability = Applicability::safe;
      fix.edits.push_back({gap, "="});
      return fix;
    }
    if (value.value.find('$') == std::string::npos) {
      // No variables: the processed value is a literal; quote it back.
      ExpansionOptions options;
      options.escape = escape;
      Expansion processed;
      if (expand_word(value.value, VariableLookup(), options, processed)) return std::nullopt;
      // The value may span line continuations; the replacement joins it on one line.
      fix.applicability = Applicability::safe;
      fix.edits.push_back(
          {TextRange{gap.begin, value.range.end}, "=" + double_quote(processed.value, escape)});
      return fix;
    }
    if (value.value.find_first_of("\"'") != std::string::npos ||
        value.value.find(escape) != std::string::npos) {
      return std::nullopt;
    }
    fix.applicability = Applicability::unsafe;
    fix.edits.push_back({gap, "=\""});
    fix.edits.push_back({TextRange{value.range.end, value.range.end}, "\""});
    return fix;
  }
};

}  // namespace

const Rule& legacy_key_value_format() {
  static const LegacyKeyValueFormat rule;
  return rule;
}

}  // namespace dfopt::rules
