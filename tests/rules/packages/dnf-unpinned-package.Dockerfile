# Packages of `dnf install` and `microdnf install` without a version, read as hadolint reads
# them.
FROM fedora:41
# expect: dnf-unpinned-package@20 ~ "package 'httpd' is not pinned; write 'httpd-<version>'"
RUN dnf install -y httpd && dnf clean all
# expect: dnf-unpinned-package ~ "package 'rpm-sign'"
# expect: dnf-unpinned-package ~ "package 'local.rpm'"
RUN microdnf install -y rpm-sign local.rpm gcc-c++-14.2.1 && microdnf clean all
# expect: dnf-unpinned-package ~ "module 'nodejs' has no stream; use 'nodejs:<stream>'"
RUN dnf module install -y nodejs postgresql:16 && dnf clean all
# A variable nothing above declares.
# expect: dnf-unpinned-package ~ "package 'git-core-${GIT_VERSION}'"
RUN dnf install -y "git-core-${GIT_VERSION}" && dnf clean all
# As in hadolint, an option value written as a separate word is read as a package.
# expect: dnf-unpinned-package ~ "package 'tsflags=nodocs'"
RUN dnf install -y --setopt tsflags=nodocs httpd-2.4.62 && dnf clean all
# expect: dnf-unpinned-package
RUN <<EOF
dnf install -y httpd
EOF
# expect: dnf-unpinned-package@30
RUN ["dnf", "install", "-y", "httpd"]
# expect: dnf-unpinned-package@30
ONBUILD RUN microdnf install httpd
