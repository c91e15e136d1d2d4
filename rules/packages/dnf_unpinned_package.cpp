#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3041"};
constexpr std::string_view kTools[] = {"dnf", "microdnf"};
constexpr std::string_view kNotPackages[] = {"module", "group"};

constexpr RuleInfo kInfo{
    .id = "DF629",
    .name = "dnf-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`dnf install` of a package without a version",
    .docs = R"md(## What it does
Flags each package of a `dnf install` or `microdnf install` in a `RUN` (also inside `ONBUILD`)
that names no version, reading the command as hadolint does: the operands are the arguments that
do not start with `-`, other than `install` and `module`. An operand counts as pinned when:
- the parts after its first `-` are all made of letters, digits and `.~^_:+`, and one of them
  starts with a digit: `tomcat-9.0.1`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`;
- or it has a `-` and ends in `.rpm` (a local or remote package file);
- or it references (`$NAME`, `${NAME}`) a variable declared by an `ARG` anywhere above or by an
  `ENV` above in the same stage: `git-core-${GIT_VERSION}`.

Otherwise a name without `-` is not pinned, nor is one whose suffix is not a version
(`rpm-sign`). Commands with a `group` argument (`dnf group install`) are not checked; in a
`dnf module install`, every operand needs a stream instead: `nodejs:20`. The command must be
literally `dnf` or `microdnf`, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without a version, `dnf install` takes whatever the repositories offer on the day of the build,
so two builds of the same Dockerfile can produce different images, and an update can break the
build or the application without any change to the Dockerfile.

## Example
```dockerfile
FROM fedora:41
RUN dnf install -y git-core && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:41
ARG GIT_VERSION=2.47.1-1.fc41
RUN dnf install -y "git-core-${GIT_VERSION}" && dnf clean all
```

## References
- hadolint DL3041: the same check. Like hadolint, option values written as separate words
  (`--setopt tsflags=nodocs`, `--repo fedora`) are read as operands; write `--repo=fedora`.
- https://dnf.readthedocs.io/en/latest/command_ref.html#install-command-label
)md",
};

}  // namespace

const Rule& dnf_unpinned_package() {
  static const rpm::PinRule rule(kInfo, kTools, kNotPackages);
  return rule;
}

}  // namespace dfopt::rules
