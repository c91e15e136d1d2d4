#include <fmt/format.h>

#include <string>
#include <unordered_set>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3044"};

constexpr RuleInfo kInfo{
    .id = "DF804",
    .name = "env-self-reference",
    .category = Category::variables,
    .severity = Severity::error,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`ENV` refers to a variable it defines itself",
    .docs = R"md(## What it does
Flags an `ENV` with several pairs where one pair's value refers (`$NAME` or `${NAME}`) to a key
defined by another pair of the same `ENV`, while no earlier `ARG` or `ENV` in the file defines
that name.

## Why is this bad?
All values of one `ENV` are expanded before any of its keys is set, so `ENV A=1 B=$A` sets `B`
to the *previous* `A` (here: empty), not to `1`.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app APP_BIN=${APP_HOME}/bin
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/srv/app
ENV APP_BIN=${APP_HOME}/bin
```

## References
- hadolint DL3044: the same check. As in hadolint, names defined by any earlier `ARG` or `ENV`
  of the file (in any stage) exempt a reference, a reference in an earlier pair counts too, and
  only the plain `$NAME` and `${NAME}` forms are recognised (not `${NAME:-x}`).
- https://docs.docker.com/reference/dockerfile/#env
)md",
};

bool is_var_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/// `${name}` anywhere, or `$name` followed by a character that ends a variable name.
bool references(std::string_view text, std::string_view name) {
  for (size_t pos = text.find('$'); pos != std::string_view::npos; pos = text.find('$', pos + 1)) {
    std::string_view rest = text.substr(pos + 1);
    if (rest.size() >= name.size() + 2 && rest[0] == '{' && rest.substr(1, name.size()) == name &&
        rest[name.size() + 1] == '}') {
      return true;
    }
    if (rest.substr(0, name.size()) == name &&
        (rest.size() == name.size() || !is_var_char(rest[name.size()]))) {
      return true;
    }
  }
  return false;
}

struct State : RuleState {
  std::unordered_set<std::string> defined;  // names of earlier ARG and ENV keys
};

class EnvSelfReference final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::env) | kind_bit(ast::InstrKind::arg);
  }
  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext&, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.kind == ast::InstrKind::env && ins.pairs.size() > 1) {
      for (size_t k = 0; k < ins.pairs.size(); ++k) {
        const std::string& name = ins.pairs[k].key.value;
        if (name.empty() || st.defined.contains(name)) continue;
        for (size_t v = 0; v < ins.pairs.size(); ++v) {
          if (v == k || !ins.pairs[v].value) continue;
          if (!references(ins.pairs[v].value->value, name)) continue;
          out.report(ins.pairs[v].value->range,
                     fmt::format("'{}' is defined in the same `ENV`; this reference sees its "
                                 "value from before the instruction",
                                 name));
          break;
        }
      }
    }
    for (const ast::KeyValue& kv : ins.pairs) st.defined.insert(kv.key.value);
  }
};

}  // namespace

const Rule& env_self_reference() {
  static const EnvSelfReference rule;
  return rule;
}

}  // namespace dfopt::rules
