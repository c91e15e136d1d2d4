#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/style/style_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3048"};

constexpr RuleInfo kInfo{
    .id = "DF704",
    .name = "invalid-label-key",
    .category = Category::style,
    .severity = Severity::style,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "label key does not follow Docker's key format",
    .docs = R"md(## What it does
Flags a `LABEL` key that does not follow Docker's recommended format: it must start with a
lowercase letter, end with a lowercase letter or digit, contain only lowercase letters, digits,
`.` and `-`, contain no `..` or `--`, and not use the namespaces Docker reserves
(`com.docker.`, `io.docker.`, `org.dockerproject.`).

## Why is this bad?
Tools that read labels expect reverse-DNS keys such as `org.opencontainers.image.source`; keys
in other shapes are easy to mistype and collide with Docker's own namespaces.

## Example
```dockerfile
FROM alpine:3.20
LABEL Maintainer="jane@example.com" com.docker.version=1
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="jane@example.com" com.example.version=1
```

## References
- hadolint DL3048: the same check on the key with quotes and escapes removed (variables are
  not expanded, so `$KEY` is invalid). Like hadolint, the `LABEL` inside `ONBUILD` is not checked.
- https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations
)md",
};

/// The first reason `key` breaks hadolint's DL3048 format, or "" when it is valid.
std::string_view problem(std::string_view key) {
  using style_util::is_digit;
  using style_util::is_lower;
  if (key.empty() || !is_lower(key.front())) return "does not start with a lowercase letter";
  if (!is_lower(key.back()) && !is_digit(key.back())) {
    return "does not end with a lowercase letter or digit";
  }
  for (char c : key) {
    if (!is_lower(c) && !is_digit(c) && c != '.' && c != '-') {
      return "has characters other than lowercase letters, digits, '.' and '-'";
    }
  }
  for (std::string_view reserved : {"com.docker.", "io.docker.", "org.dockerproject."}) {
    if (key.substr(0, reserved.size()) == reserved) return "uses a namespace reserved by Docker";
  }
  if (key.find("..") != std::string_view::npos || key.find("--") != std::string_view::npos) {
    return "has consecutive separators";
  }
  return {};
}

class InvalidLabelKey final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::label); }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    for (const ast::KeyValue& kv : ref.instr.pairs) {
      const std::string key = style_util::unquote(kv.key.value, file.ast.escape);
      const std::string_view why = problem(key);
      if (why.empty()) continue;
      out.report(kv.key.range, fmt::format("label key '{}' {}", key, why));
    }
  }
};

}  // namespace

const Rule& invalid_label_key() {
  static const InvalidLabelKey rule;
  return rule;
}

}  // namespace dfopt::rules
