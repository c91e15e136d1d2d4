#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3011"};

constexpr RuleInfo kInfo{
    .id = "DF407",
    .name = "expose-port-out-of-range",
    .category = Category::runtime,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`EXPOSE` port above 65535",
    .docs = R"md(## What it does
Flags an `EXPOSE` port, or a bound of a port range, above 65535: the words `PORT`, `PORT/proto`,
`LOW-HIGH` and `LOW-HIGH/proto` written literally. Words with variables are not checked.

## Why is this bad?
TCP, UDP and SCTP ports are 16-bit numbers. BuildKit rejects the port with "invalid
containerPort" and the build fails; the classic builder rejected it as well.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80 443 80443
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80 443 8443
```

## References
- hadolint DL3011: the same check (literal ports and range bounds above 65535; hadolint does not
  expand variables either).
- Trivy DS-0008 differs: it checks single ports only (`split(value, "/")[0]` must be a number),
  so a range such as `8000-70000` passes there.
- https://docs.docker.com/reference/dockerfile/#expose
)md",
};

// One literal port spec: digits, an optional `-digits`, an optional `/letters`.
struct LiteralPort {
  uint64_t low = 0;
  uint64_t high = 0;
  bool range = false;
};

std::optional<LiteralPort> parse_literal(std::string_view w) {
  LiteralPort p;
  size_t i = 0;
  auto number = [&](uint64_t& v) {
    const size_t start = i;
    while (i < w.size() && w[i] >= '0' && w[i] <= '9') {
      v = v * 10 + static_cast<uint64_t>(w[i] - '0');
      if (v > 100000000) v = 100000000;  // saturate: only "> 65535" matters
      ++i;
    }
    return i > start;
  };
  if (!number(p.low)) return std::nullopt;
  p.high = p.low;
  if (i < w.size() && w[i] == '-') {
    ++i;
    p.high = 0;
    if (!number(p.high)) return std::nullopt;
    p.range = true;
  }
  if (i < w.size() && w[i] == '/') {
    ++i;
    const size_t start = i;
    while (i < w.size() && std::isalpha(static_cast<unsigned char>(w[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  if (i != w.size()) return std::nullopt;
  return p;
}

class ExposePortOutOfRange final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::expose); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    for (const ast::Word& w : ref.instr.args) {
      const std::optional<LiteralPort> p = parse_literal(w.value);
      if (!p || (p->low <= 65535 && p->high <= 65535)) continue;
      const std::string message =
          p->range ? fmt::format("port range '{}' goes beyond 65535, the highest port", w.value)
                   : fmt::format("port '{}' is out of range (0-65535)", w.value);
      out.report(w.range, message);
    }
  }
};

}  // namespace

const Rule& expose_port_out_of_range() {
  static const ExposePortOutOfRange rule;
  return rule;
}

}  // namespace dfopt::rules
