#include <fmt/format.h>

#include "dfopt/rule.h"
#include "rules/runtime/runtime_helpers.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"ExposeInvalidFormat"};

constexpr RuleInfo kInfo{
    .id = "DF409",
    .name = "expose-invalid-format",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`EXPOSE` with a host port or IP address",
    .docs = R"md(## What it does
Flags an `EXPOSE` port spec that names a host port or an IP address, as in `8080:80` or
`127.0.0.1:8080:80`. Ports are read as BuildKit reads them: after variable expansion, and only up
to the first invalid port spec (which fails the build). An `ONBUILD EXPOSE` is checked where
BuildKit runs it: in a stage of the same file that builds `FROM` this one.

## Why is this bad?
`EXPOSE` only documents which container ports the image listens on. Publishing a port on the host,
and on which address, is decided at run time (`docker run -p`, a compose file); BuildKit silently
drops the host part and exposes the container port alone. The mapping in the Dockerfile suggests a
behaviour that never happens, and BuildKit plans to reject this syntax.

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 8080:80 127.0.0.1:8443:443/tcp
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80 443/tcp
```

## Fix safety
The fix keeps only the container port (and its protocol), where the port spec is written
literally and is otherwise valid. It is safe: BuildKit exposes exactly those container ports
already, so the image does not change.

## References
- BuildKit `ExposeInvalidFormat`: the same check.
- https://docs.docker.com/reference/build-checks/expose-invalid-format/
)md",
};

struct State final : RuleState {
  std::vector<uint32_t> trigger_child;
};

class ExposeInvalidFormat final : public Rule {
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
          if (!p.linted || (p.ip.empty() && p.host_port.empty())) return;
          const std::string message =
              p.ip.empty()
                  ? fmt::format("'{}' maps host port {}; `EXPOSE` only declares container ports",
                                spec, p.host_port)
                  : fmt::format("'{}' names IP address {}; `EXPOSE` only declares container ports",
                                spec, p.ip);
          std::optional<Fix> fix;
          if (literal && p.valid &&
              runtime::literal_subrange(file.source, word, 0, word.value.size())) {
            Fix f;
            f.title = fmt::format("Expose only the container port `{}`", p.container);
            f.applicability = Applicability::safe;
            f.edits.push_back({word.range, std::string(p.container)});
            fix = std::move(f);
          }
          out.report(word.range, message, std::move(fix));
        });
  }
};

}  // namespace

const Rule& expose_invalid_format() {
  static const ExposeInvalidFormat rule;
  return rule;
}

}  // namespace dfopt::rules
