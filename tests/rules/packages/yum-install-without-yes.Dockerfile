# Every yum command that installs without -y or --assumeyes, wherever the shell runs it.
FROM centos:7
# expect: yum-install-without-yes@5 ~ "`yum install` without `-y` asks for a confirmation that the build cannot give"
# expect-fix: install -y
RUN yum install httpd && yum clean all
# expect: yum-install-without-yes ~ "`yum groupinstall` without `-y`"
# expect-fix: groupinstall -y
RUN yum -q makecache && yum groupinstall "Development Tools" && yum clean all
# expect: yum-install-without-yes ~ "`yum localinstall`"
# expect-fix: localinstall -y
RUN yum makecache; yum localinstall /tmp/app.rpm || true
# Options before the subcommand, and -q that is not -y.
# expect: yum-install-without-yes@5 ~ "`yum install`"
# expect-fix: install -y
RUN yum --enablerepo=epel -q install jq | tee /tmp/yum.log
# expect: yum-install-without-yes
# expect-fix: install -y
RUN (cd /tmp && yum install --quiet httpd)
# expect: yum-install-without-yes
# expect-fix: install -y
RUN echo "$(yum install httpd)"
# expect: yum-install-without-yes
# expect-fix: install -y
RUN yum makecache \
    # the web server
    && yum install \
        httpd
# expect: yum-install-without-yes
# expect-fix: install -y
RUN <<EOF
set -e
yum install httpd
yum clean all
EOF
# expect: yum-install-without-yes
# expect-fix: install -y
run yum install httpd
FROM centos:7 AS onbuild
# expect: yum-install-without-yes@13
# expect-fix: install -y
ONBUILD RUN yum install httpd
# expect: yum-install-without-yes@6
# expect-fix: "install", "-y"
RUN ["yum", "install", "httpd"]
# expect: yum-install-without-yes@5
# expect-fix: install -y
RUN yum install "${PACKAGE}"
