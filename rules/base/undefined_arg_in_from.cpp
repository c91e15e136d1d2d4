#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dfopt/rule.h"
#include "rules/base/from_expansion.h"
#include "rules/base/suggest.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"UndefinedArgInFrom"};

constexpr RuleInfo kInfo{
    .id = "DF507",
    .name = "undefined-arg-in-from",
    .category = Category::base,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`FROM` uses a variable no global `ARG` declares",
    .docs = R"md(## What it does
Flags a variable in a `FROM` image or `--platform` value that is neither declared by an `ARG`
before the first `FROM` nor one of BuildKit's predefined arguments (`BUILDPLATFORM`,
`TARGETARCH`, `TARGETSTAGE`...). When a declared or predefined name is close, the message
suggests it, as BuildKit does.

## Why is this bad?
`FROM` only sees global `ARG`s: those declared before the first `FROM`. An undeclared variable
expands to the empty string, and `--build-arg` cannot set it, so `FROM node:$NODE_VERSION` without
`ARG NODE_VERSION` at the top becomes `FROM node:` and fails, and a typo such as
`$TARGETPLATFROM` silently drops the platform.

## Example
```dockerfile
ARG VERSION=3.20
FROM alpine:$VERSON
```

## Use instead
```dockerfile
ARG VERSION=3.20
FROM alpine:$VERSION
```

## Fix safety
When there is a suggestion, the fix replaces the variable's name with it. It changes what the
`FROM` expands to, so it is unsafe: check that the suggested name is the one meant.

## References
- BuildKit `UndefinedArgInFrom`: the same check and the same suggestions (a declared or
  predefined name at Levenshtein distance below 3).
- https://docs.docker.com/reference/build-checks/undefined-arg-in-from/
)md",
};

constexpr std::string_view kPredefined[] = {
    "BUILDPLATFORM", "BUILDOS",        "BUILDOSVERSION", "BUILDARCH",
    "BUILDVARIANT",  "TARGETPLATFORM", "TARGETOS",       "TARGETOSVERSION",
    "TARGETARCH",    "TARGETVARIANT",  "TARGETSTAGE",
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The source ranges of `$NAME` and `${NAME...` inside `range` (the name part only). An escaped
// `$` is text, not a variable.
std::vector<TextRange> name_occurrences(const SourceFile& source, TextRange range,
                                        std::string_view name, char escape) {
  std::vector<TextRange> out;
  const std::string_view text = source.slice(range);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == escape) {
      ++i;
      continue;
    }
    if (text[i] != '$') continue;
    size_t begin = i + 1;
    if (begin < text.size() && text[begin] == '{') ++begin;
    if (text.compare(begin, name.size(), name) != 0) continue;
    const size_t end = begin + name.size();
    if (end < text.size() && is_name_char(text[end])) continue;
    out.push_back(
        {range.begin + static_cast<uint32_t>(begin), range.begin + static_cast<uint32_t>(end)});
  }
  return out;
}

class UndefinedArgInFrom final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::from); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    const ast::Instruction& ins = ref.instr;
    if (ins.from_image) check_word(file, ref.index, *ins.from_image, out);
    if (const ast::Flag* f = ins.flag("platform"); f && f->value && !f->value->empty()) {
      check_word(file, ref.index, {*f->value, f->value_range}, out);
    }
  }

 private:
  static void check_word(const FileContext& file, uint32_t index, const ast::Word& word,
                         Reporter& out) {
    if (word.value.find('$') == std::string::npos) return;
    // `unmatched` holds only names that are not declared at all; a global `ARG NAME` without a
    // default is declared (BuildKit's unusedFromArgsCheckKeys includes it).
    const model::ExpandedWord e = file.model.expand(index, word.value);
    for (const std::string& name : e.unmatched) {
      if (detail::is_late_predefined_arg(name)) continue;
      report(file, word, name, out);
    }
  }

  static void report(const FileContext& file, const ast::Word& word, std::string_view name,
                     Reporter& out) {
    std::vector<std::string_view> candidates;
    for (const model::Declaration& d : file.model.declarations()) {
      if (d.stage != model::npos) break;  // global ARGs come first, in file order
      if (std::find(candidates.begin(), candidates.end(), d.name) == candidates.end()) {
        candidates.push_back(d.name);
      }
    }
    candidates.insert(candidates.end(), std::begin(kPredefined), std::end(kPredefined));
    const std::string_view suggestion = detail::closest_name(name, candidates);

    const std::vector<TextRange> at =
        name_occurrences(file.source, word.range, name, file.ast.escape);
    std::string message =
        fmt::format("variable '{}' in FROM is not declared by a global ARG", name);
    std::optional<Fix> fix;
    if (!suggestion.empty()) {
      message += fmt::format("; did you mean '{}'?", suggestion);
      if (!at.empty()) {
        Fix f;
        f.title = fmt::format("Replace `{}` with `{}`", name, suggestion);
        f.applicability = Applicability::unsafe;
        for (TextRange r : at) f.edits.push_back({r, std::string(suggestion)});
        fix = std::move(f);
      }
    }
    out.report(at.empty() ? word.range : at.front(), std::move(message), std::move(fix));
  }
};

}  // namespace

const Rule& undefined_arg_in_from() {
  static const UndefinedArgInFrom rule;
  return rule;
}

}  // namespace dfopt::rules
