#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "dfopt/rule.h"
#include "rules/security/accounts.h"
#include "rules/security/security_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3066"};

constexpr RuleInfo kInfo{
    .id = "DF307",
    .name = "non-numeric-user",
    .category = Category::security,
    .severity = Severity::info,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`USER` with a user name instead of a numeric UID",
    .docs = R"md(## What it does
Flags a `USER` whose user part (before `:`) is not a number, such as `USER app` or
`USER nobody:nogroup`, unless it refers to an `ARG` declared earlier in the file (`USER ${UID}`),
whose value only the build knows. The group part is not checked; a `USER` inside `ONBUILD` is not
checked.

When the numeric IDs are known, the message gives them: from a `useradd`, `adduser`, `groupadd`
or `addgroup` with `-u`/`-g` (or `--uid`/`--gid`) earlier in the stage or the stages it is built
`FROM`, or from dfopt's base-image knowledge base for accounts the base image ships (`node` is
1000:1000 in the official Node.js images, `nonroot` is 65532:65532 in distroless images).

## Why is this bad?
A user name only means something inside the image's `/etc/passwd`. Kubernetes with
`runAsNonRoot: true` cannot tell whether `app` is root and refuses to start the pod ("image has
non-numeric user"); other hosts and volume permissions need the numeric UID as well. A numeric UID
works everywhere, whether or not the image defines a name for it.

## Example
```dockerfile
FROM node:22-alpine
USER node
CMD ["node", "server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
USER 1000:1000
CMD ["node", "server.js"]
```

## References
- hadolint DL3066: the same check (the user part must be all digits or refer to a declared
  `ARG`). Variables set by `ENV` do not exempt a `USER`, as in hadolint.
- https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
)md",
};

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct State final : RuleState {
  std::vector<std::string_view> args;  // names declared by ARG so far, sorted (into the AST)
  // Accounts the file's RUNs create, read on the first finding.
  std::optional<std::vector<security::AccountEvent>> accounts;
};

class NonNumericUser final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override {
    return kind_bit(ast::InstrKind::arg) | kind_bit(ast::InstrKind::user);
  }

  std::unique_ptr<RuleState> start(const FileContext&) const override {
    return std::make_unique<State>();
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    auto& st = static_cast<State&>(*state);
    const ast::Instruction& ins = ref.instr;
    if (ins.is(ast::InstrKind::arg)) {
      for (const ast::KeyValue& kv : ins.pairs) {
        const std::string_view name = kv.key.value;
        auto it = std::lower_bound(st.args.begin(), st.args.end(), name);
        if (it == st.args.end() || *it != name) st.args.insert(it, name);
      }
      return;
    }
    const ast::Word* w = security::user_word(ins);
    if (!w) return;
    const std::string_view value = w->value;
    const std::string_view uid = value.substr(0, value.find(':'));
    if (std::all_of(uid.begin(), uid.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    if (refers_to_arg(uid, st.args)) return;
    std::string hint;
    if (!ref.in_onbuild) {
      if (!st.accounts) st.accounts = security::created_accounts(file);
      const std::string numeric = security::numeric_user(file, *st.accounts, ref.index, value);
      if (!numeric.empty()) hint = fmt::format("; use `USER {}`", numeric);
    }
    out.report(w->range, fmt::format("`USER {}` names the user '{}' instead of a numeric UID; "
                                     "hosts without the image's /etc/passwd cannot resolve it{}",
                                     value, uid, hint));
  }

 private:
  // `$NAME` or `${NAME...}` for a NAME some earlier ARG declares.
  static bool refers_to_arg(std::string_view s, const std::vector<std::string_view>& args) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      if (s[i] != '$') continue;
      size_t b = i + 1;
      if (s[b] == '{') ++b;
      size_t e = b;
      if (e < s.size() && is_name_start(s[e])) {
        while (e < s.size() && is_name_char(s[e])) ++e;
      }
      if (e == b) continue;
      const std::string_view name = s.substr(b, e - b);
      if (std::binary_search(args.begin(), args.end(), name)) return true;
    }
    return false;
  }
};

}  // namespace

const Rule& non_numeric_user() {
  static const NonNumericUser rule;
  return rule;
}

}  // namespace dfopt::rules
