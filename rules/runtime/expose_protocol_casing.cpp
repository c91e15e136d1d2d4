#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"ExposeProtoCasing"};

constexpr RuleInfo kInfo{
    .id = "DF408",
    .name = "expose-protocol-casing",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`EXPOSE` protocol not in lowercase",
    .docs = R"md(## What it does
Flags an `EXPOSE` port whose protocol (`tcp`, `udp` or `sctp`, after `/`) is not written in
lowercase, such as `80/TCP`. Ports are read as BuildKit reads them: after variable expansion, and
only up to the first invalid port spec (which fails the build). An `ONBUILD EXPOSE` is checked
where BuildKit runs it: in a stage of the same file that builds `FROM` this one.

## Why is this bad?
BuildKit accepts any casing and stores the protocol in lowercase, so `80/TCP` and `80/tcp` expose
the same port. Mixed spellings make the file harder to search and compare, and other tools that
read the Dockerfile may not be as lenient.

## Example
```dockerfile
FROM coredns/coredns:1.11.3
EXPOSE 53/UDP 53/Tcp
```

## Use instead
```dockerfile
FROM coredns/coredns:1.11.3
EXPOSE 53/udp 53/tcp
```

## Fix safety
The fix lower-cases the protocol where it is written literally (not produced by a variable). It
is safe: BuildKit lower-cases the protocol itself, so the exposed ports do not change.

## References
- BuildKit `ExposeProtoCasing`: the same check.
- https://docs.docker.com/reference/build-checks/expose-proto-casing/
)md",
};

struct State final : RuleState {
  std::vector<uint32_t> trigger_child;
};

class ExposeProtocolCasing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::expose); }
  bool wants_onbuild() const override { return true; }

  std::unique_ptr<RuleState> start(const FileContext& file) const override {
    auto st = std::make_unique<State>();
    st->trigger_child = runtime::onbuild_trigger_children(file.model);
    return st;
  }

  void check(const FileContext& file, const InstrRef& ref, RuleState* state,
             Reporter& out) const override {
    const auto& st = static_cast<const State&>(*state);
    runtime::for_each_port_spec(
        file, ref, st.trigger_child,
        [&](const ast::Word& word, std::string_view spec, const runtime::PortSpec& p,
            bool literal) {
          if (!p.linted || std::none_of(p.proto.begin(), p.proto.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c));
              })) {
            return;
          }
          std::string lower(p.proto);
          for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          const std::string message = fmt::format(
              "protocol '{}' of port '{}' is not lowercase; write '{}'", p.proto, spec, lower);
          std::optional<TextRange> proto_range;
          if (literal) {
            proto_range =
                runtime::literal_subrange(file.source, word, p.proto_offset, p.proto.size());
          }
          if (!proto_range) {
            out.report(word.range, message);
            return;
          }
          Fix fix;
          fix.title = fmt::format("Write the protocol as `{}`", lower);
          fix.applicability = Applicability::safe;
          fix.edits.push_back({*proto_range, lower});
          out.report(*proto_range, message, std::move(fix));
        });
  }
};

}  // namespace

const Rule& expose_protocol_casing() {
  static const ExposeProtocolCasing rule;
  return rule;
}

}  // namespace dfopt::rules
