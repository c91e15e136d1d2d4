#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3032"};
constexpr std::string_view kUses[] = {"install"};
constexpr std::string_view kCleans[] = {"clean", "all"};

constexpr RuleInfo kInfo{
    .id = "DF621",
    .name = "yum-install-without-clean",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::sometimes,
    .aliases = kAliases,
    .options = {},
    .summary = "`yum install` without a later `yum clean all` in the same `RUN`",
    .docs = R"md(## What it does
Flags a `RUN` (also inside `ONBUILD`) with a `yum` command that has an `install` argument when
no cleaning command comes after the first such command in the same `RUN`. As in hadolint, a
cleaning command is a `yum` command with a `clean` or `all` argument (`yum clean all`,
`yum clean packages`), or an `rm` command with a `-rf` or `/var/cache/yum/*` argument. The
finding points at the first `yum install`.

Commands are read as hadolint reads them: the command must be literally `yum` (or `rm`), the
subcommand may be any of its arguments, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
`yum install` leaves the downloaded packages and repository metadata in `/var/cache/yum`. Unless
the same `RUN` removes them, they are stored in the layer and every image built on it carries
tens or hundreds of megabytes it never uses. Cleaning in a later `RUN` does not help: the files
stay in the earlier layer.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd && yum clean all
```

## Fix safety
When the `RUN` is a single chain of commands joined by `&&` (pipelines allowed), the fix appends
`&& yum clean all` to it. It is unsafe: a later `RUN` that expected the cached metadata has to
download it again. There is no fix for scripts with `;`, `||`, `&`, compound commands or
heredocs, where the right place is not obvious.

## References
- hadolint DL3032: the same check.
- Trivy DS-0015 differs: it searches the `RUN` text for the regular expression
  `yum (-[a-zA-Z]+ *)*install` (so `yum --enablerepo=x install` is missed, and text inside
  strings counts) and passes only when the last of those matches and of the literal
  `yum clean all` is `yum clean all`; `yum clean packages` and `rm -rf` do not count.
- https://docs.docker.com/build/building/best-practices/#run
)md",
};

constexpr rpm::CleanSpec kSpec{
    .tool = "yum",
    .uses = kUses,
    .cleans = kCleans,
    .rm_path = "/var/cache/yum/*",
    .clean_command = "yum clean all",
};

class YumInstallWithoutClean final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  uint32_t subscriptions() const override { return sh::kRun; }
  bool wants_onbuild() const override { return true; }

  void check(const FileContext& file, const InstrRef& ref, RuleState*,
             Reporter& out) const override {
    if (const shell::Script* script = sh::run_script(file, ref)) {
      rpm::check_clean(file, ref, *script, kSpec, out);
    }
  }
};

}  // namespace

const Rule& yum_install_without_clean() {
  static const YumInstallWithoutClean rule;
  return rule;
}

}  // namespace dfopt::rules
