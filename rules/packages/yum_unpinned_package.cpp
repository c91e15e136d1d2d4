#include "dfopt/rule.h"
#include "rules/common/shell_rules.h"
#include "rules/packages/rpm_util.h"

namespace dfopt::rules {
namespace {

constexpr std::string_view kAliases[] = {"DL3033"};
constexpr std::string_view kTools[] = {"yum"};
constexpr std::string_view kNotPackages[] = {"module"};

constexpr RuleInfo kInfo{
    .id = "DF622",
    .name = "yum-unpinned-package",
    .category = Category::packages,
    .severity = Severity::warning,
    .enabled_by_default = true,
    .status = RuleStatus::stable,
    .fix = FixAvailability::none,
    .aliases = kAliases,
    .options = {},
    .summary = "`yum install` of a package without a version",
    .docs = R"md(## What it does
Flags each package of a `yum install` in a `RUN` (also inside `ONBUILD`) that names no
version, reading the command as hadolint does: the operands are the arguments that do not start
with `-`, other than `install` and `module`. An operand counts as pinned when:
- the parts after its first `-` are all made of letters, digits and `.~^_:+`, and one of them
  starts with a digit: `tomcat-9.0.1`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`, `which-2.21-30.el9`;
- or it has a `-` and ends in `.rpm` (a local or remote package file);
- or it references (`$NAME`, `${NAME}`) a variable declared by an `ARG` anywhere above or by an
  `ENV` above in the same stage: `git-core-${GIT_VERSION}`.

Otherwise a name without `-` is not pinned, nor is one whose suffix is not a version
(`rpm-sign`). In a `yum module install`, every operand needs a stream instead: `nodejs:18`.
The command must be literally `yum`, and the scripts of `sh -c "..."` strings are not read.

## Why is this bad?
Without a version, `yum install` takes whatever the repositories offer on the day of the build,
so two builds of the same Dockerfile can produce different images, and an update can break the
build or the application without any change to the Dockerfile.

## Example
```dockerfile
FROM rockylinux:9
RUN yum install -y httpd && yum clean all
```

## Use instead
```dockerfile
FROM rockylinux:9
ARG HTTPD_VERSION=2.4.62-1.el9
RUN yum install -y "httpd-${HTTPD_VERSION}" && yum clean all
```

## References
- hadolint DL3033: the same check. Like hadolint, option values written as separate words
  (`-c /etc/yum.conf`, `--enablerepo epel`) are read as operands; write `--enablerepo=epel`.
- https://docs.docker.com/build/building/best-practices/#apt-get (the same advice for apt)
)md",
};

}  // namespace

const Rule& yum_unpinned_package() {
  static const rpm::PinRule rule(kInfo, kTools, kNotPackages);
  return rule;
}

}  // namespace dfopt::rules
