#include <fmt/format.h>

#include "dfopt/rule.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DS-0004"};

constexpr RuleInfo kInfo{
    .id = "DF410",
    .name = "ssh-port-exposed",
    .category = Category::runtime,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`EXPOSE 22` (SSH)",
    .docs = R"md(## What it does
Flags an `EXPOSE` word that is exactly `22`, `22/tcp` or `22/udp`, in any stage.

## Why is this bad?
Port 22 is SSH. Running an SSH server in a container adds an always-on remote login with its own
keys or passwords to manage, and it is rarely needed: `docker exec` (or `kubectl exec`) opens a
shell in a running container without exposing anything.

## Example
```dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
EXPOSE 22
CMD ["/usr/sbin/sshd", "-D"]
```

## Use instead
```dockerfile
FROM ubuntu:24.04
# No SSH server: use `docker exec -it <container> bash` to get a shell.
CMD ["/app/server"]
```

## References
- Trivy DS-0004: the same check (`22`, `22/tcp` or `22/udp`, compared as written).
- Checkov CKV_DOCKER_1 differs: it does not match `22/udp` and reports only the first matching
  `EXPOSE` of the file.
- https://docs.docker.com/reference/dockerfile/#expose
)md",
};

class SshPortExposed final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return kind_bit(ast::InstrKind::expose); }

  void check(const FileContext&, const InstrRef& ref, RuleState*, Reporter& out) const override {
    for (const ast::Word& w : ref.instr.args) {
      if (w.value == "22" || w.value == "22/tcp" || w.value == "22/udp") {
        out.report(w.range, fmt::format("port '{}' (SSH) is exposed; use `docker exec` for a shell "
                                        "in the container",
                                        w.value));
      }
    }
  }
};

}  // namespace

const Rule& ssh_port_exposed() {
  static const SshPortExposed rule;
  return rule;
}

}  // namespace dfopt::rules
