# Packages of `yum install` without a version, read as hadolint reads them.
FROM centos:7
# expect: yum-unpinned-package@20 ~ "package 'httpd' is not pinned; write 'httpd-<version>'"
RUN yum install -y httpd && yum clean all
# A suffix that is not a version, a name without a dash (even an .rpm file), a substitution.
# expect: yum-unpinned-package ~ "package 'rpm-sign'"
# expect: yum-unpinned-package ~ "package 'python3-pip'"
# expect: yum-unpinned-package ~ "package 'local.rpm' is not pinned to a version"
# expect: yum-unpinned-package ~ "package '$(cat /tmp/packages)'"
RUN yum -y install rpm-sign python3-pip local.rpm $(cat /tmp/packages) \
    tomcat-9.0.1 && yum clean all
# Modules need a stream.
# expect: yum-unpinned-package ~ "module 'nodejs' has no stream; use 'nodejs:<stream>'"
RUN yum module install -y nodejs postgresql:15 && yum clean all
# A variable no ARG or ENV above declares, and one declared only later.
# expect: yum-unpinned-package ~ "package 'httpd-${HTTPD_VERSION}' is not pinned to a version: no ARG or ENV above declares 'HTTPD_VERSION'"
# expect: yum-unpinned-package ~ "package 'php-$PHP_VERSION'"
RUN yum install -y "httpd-${HTTPD_VERSION}" php-$PHP_VERSION && yum clean all
ARG PHP_VERSION=8.1.14-1.el7
# As in hadolint, an option value written as a separate word is read as a package.
# expect: yum-unpinned-package ~ "package 'epel'"
# expect: yum-unpinned-package ~ "package 'jq'"
RUN yum install -y --enablerepo epel jq && yum clean all
# expect: yum-unpinned-package ~ "package 'httpd'"
RUN <<EOF
yum install -y httpd
yum clean all
EOF
# expect: yum-unpinned-package@30 ~ "package 'httpd'"
RUN ["yum", "install", "-y", "httpd"]
FROM centos:7 AS onbuild
ENV HTTPD_VERSION=2.4.6-99.el7
# expect: yum-unpinned-package ~ "package 'php'"
onbuild run yum install -y httpd-${HTTPD_VERSION} php && yum clean all
FROM centos:7
# An ENV of another stage is not in scope.
# expect: yum-unpinned-package ~ "package 'httpd-${HTTPD_VERSION}'"
RUN yum install -y httpd-${HTTPD_VERSION} && yum clean all
