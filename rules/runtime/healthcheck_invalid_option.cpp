#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "DF422",
    .name = "healthcheck-invalid-option",
    .category = Category::runtime,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::preview,
    .fix = FixAvailability::none,
    .aliases = {},
    .options = {},
    .summary = "`HEALTHCHECK` duration or retries value that the build rejects",
    .docs = R"md(## What it does
Checks the values of `HEALTHCHECK`'s `--interval`, `--timeout`, `--start-period` and
`--start-interval` as BuildKit reads them (Go's `time.ParseDuration`): a number with a unit
(`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), possibly several (`1m30s`) and fractional (`1.5s`);
`0` alone is allowed and means the default, and any other value must be at least `1ms`. It also
checks that `--retries` is a base-10 integer that fits in 32 bits and is not negative. Values that
contain a variable are skipped; `HEALTHCHECK` inside `ONBUILD` is checked too.

## Why is this bad?
BuildKit rejects the instruction and the build fails: `--interval=30` (no unit) gives
`time: missing unit in duration "30"`, `--timeout=500us` gives `Interval "timeout" cannot be less
than 1ms`, and `--retries=-1` gives `--retries cannot be negative`.

## Example
```dockerfile
HEALTHCHECK --interval=30 --retries=-1 CMD curl -f http://localhost/ || exit 1
```

## Use instead
```dockerfile
HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1
```

## References
- No hadolint, Trivy or Checkov rule checks this; BuildKit reports it as a build error.
- https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
};

/// Go's time.ParseDuration: an error text, or nullopt with `nanos` set.
std::optional<std::string> parse_duration(std::string_view s, long double& nanos) {
  nanos = 0;
  const std::string_view orig = s;
  bool neg = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::nullopt;
  if (s.empty()) return fmt::format("'{}' is not a valid duration", orig);
  while (!s.empty()) {
    long double value = 0;
    size_t i = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      value = value * 10 + (s[i++] - '0'), digits = true;
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        value += (s[i++] - '0') * scale;
        scale /= 10;
        digits = true;
      }
    }
    if (!digits) return fmt::format("'{}' is not a valid duration", orig);
    size_t u = i;
    while (u < s.size() && s[u] != '.' && !(s[u] >= '0' && s[u] <= '9')) ++u;
    const std::string_view unit = s.substr(i, u - i);
    if (unit.empty()) {
      return fmt::format("'{}' has no unit; write e.g. '{}s'", orig, orig);
    }
    long double mult = 0;
    if (unit == "ns")
      mult = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      mult = 1e3L;
    else if (unit == "ms")
      mult = 1e6L;
    else if (unit == "s")
      mult = 1e9L;
    else if (unit == "m")
      mult = 60e9L;
    else if (unit == "h")
      mult = 3600e9L;
    else
      return fmt::format("'{}' has an unknown unit '{}' (use ns, us, ms, s, m or h)", orig, unit);
    nanos += value * mult;
    s.remove_prefix(u);
  }
  if (neg) nanos = -nanos;
  return std::nullopt;
}

/// strconv.ParseInt(s, 10, 32) and BuildKit's `retries < 0` check.
std::optional<std::string> check_retries(std::string_view s) {
  std::string_view digits = s;
  bool neg = false;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    neg = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return fmt::format("'{}' is not an integer", s);
  int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return fmt::format("'{}' is not an integer", s);
    if (v <= INT32_MAX) v = v * 10 + (c - '0');
  }
  if (v > (neg ? int64_t{INT32_MAX} + 1 : int64_t{INT32_MAX})) {
    return fmt::format("'{}' is out of range for a 32-bit integer", s);
  }
  if (neg && v != 0) return fmt::format("'{}' cannot be negative", s);
  return std::nullopt;
}

class HealthcheckInvalidOption final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::healthcheck); }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    for (const ast::Flag& f : ref.instr.flags) {
      if (!f.value || f.value->find('$') != std::string::npos) continue;
      const std::string_view v = *f.value;
      std::optional<std::string> problem;
      if (f.name == "retries") {
        problem = check_retries(v);
      } else if (f.name == "interval" || f.name == "timeout" || f.name == "start-period" ||
                 f.name == "start-interval") {
        long double nanos = 0;
        problem = parse_duration(v, nanos);
        // BuildKit: 0 means "use the default"; anything else must be at least 1ms.
        if (!problem && nanos != 0 && nanos < 1e6L) {
          problem = fmt::format("'{}' is below the minimum of 1ms", v);
        }
      }
      if (!problem) continue;
      const TextRange range = f.value_range.empty() ? f.range : f.value_range;
      out.report(range, fmt::format("invalid `--{}`: {}", f.name, *problem));
    }
  }
};

}  // namespace

const Rule& healthcheck_invalid_option() {
  static const HealthcheckInvalidOption rule;
  return rule;
}

}  // namespace dfopt::rules
