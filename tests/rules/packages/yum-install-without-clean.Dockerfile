# A yum install with no clean after it in the same RUN. The fix appends `&& yum clean all` when
# the RUN is one chain of `&&` (and pipes).
FROM centos:7
# expect: yum-install-without-clean@5 ~ "`yum install` without a later `yum clean all` leaves the package cache in the layer"
# expect-fix[unsafe]: httpd && yum clean all
RUN yum install -y httpd
# The clean runs before the install.
# expect: yum-install-without-clean@22 ~ "`yum install`"
# expect-fix[unsafe]: httpd && yum clean all
RUN yum clean all && yum install -y httpd
# A dnf clean does not clean yum's cache.
# expect: yum-install-without-clean
# expect-fix[unsafe]: all && yum clean all
RUN yum --setopt=tsflags=nodocs install -y httpd && dnf clean all
# The end of a pipeline, a redirection, a continuation with a comment inside.
# expect: yum-install-without-clean
# expect-fix[unsafe]: /tmp/yum.log && yum clean all
RUN yum install -y httpd | tee /tmp/yum.log
# expect: yum-install-without-clean
# expect-fix[unsafe]: >/dev/null && yum clean all
RUN yum install -y httpd >/dev/null
# expect: yum-install-without-clean
# expect-fix[unsafe]: php && yum clean all
RUN yum makecache \
    # the web stack
    && yum install -y \
        httpd \
        php
# No fix where the end of the script is not plain: `;`, `||`, subshells, heredocs, exec form.
# expect: yum-install-without-clean
RUN yum install -y httpd; echo done
# expect: yum-install-without-clean
RUN yum install -y httpd || true
# expect: yum-install-without-clean
RUN (yum install -y httpd)
# expect: yum-install-without-clean
RUN <<EOF
yum install -y httpd
EOF
# expect: yum-install-without-clean
RUN ["yum", "install", "-y", "httpd"]
# As in hadolint, a cache mount does not exempt the RUN.
# expect: yum-install-without-clean
# expect-fix[unsafe]: httpd && yum clean all
RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd
FROM centos:7
# expect: yum-install-without-clean@13
# expect-fix[unsafe]: httpd && yum clean all
onbuild run yum install -y httpd
# expect: yum-install-without-clean
# expect-fix[unsafe]: "$(cat /tmp/packages)" && yum clean all
RUN echo "$(date)" && yum install -y "$(cat /tmp/packages)"
