# dnf and microdnf installs and upgrades with no clean of the same tool after them.
FROM fedora:41
# expect: dnf-install-without-clean@5 ~ "`dnf install` without a later `dnf clean all` leaves the package cache in the layer"
# expect-fix[unsafe]: httpd && dnf clean all
RUN dnf install -y httpd
# expect: dnf-install-without-clean@5 ~ "`microdnf install` without a later `microdnf clean all`"
# expect-fix[unsafe]: all && microdnf clean all
RUN microdnf install -y httpd && dnf clean all
# Every subcommand hadolint counts, and a clean that comes first.
# expect: dnf-install-without-clean ~ "`dnf upgrade`"
# expect-fix[unsafe]: httpd && dnf clean all
RUN dnf clean all && dnf upgrade -y && dnf in -y httpd
# expect: dnf-install-without-clean ~ "`dnf up-min`"
RUN dnf -y up-min; dnf -y reinstall httpd
# expect: dnf-install-without-clean ~ "`dnf upgrade-minimal`"
RUN dnf upgrade-minimal -y || true
# expect: dnf-install-without-clean ~ "`dnf rei`"
# expect-fix[unsafe]: > /dev/null && dnf clean all
RUN dnf rei -y httpd > /dev/null
# As in hadolint, `rm -rf /var/cache/dnf` counts only through its `-rf`; this one has none.
# expect: dnf-install-without-clean ~ "`dnf up`"
# expect-fix[unsafe]: /var/cache/dnf && dnf clean all
RUN dnf up -y && rm -r -f /var/cache/dnf
# Both tools, each reported.
# expect: dnf-install-without-clean ~ "`dnf install`"
# expect-fix[unsafe]: vim && dnf clean all
# expect: dnf-install-without-clean ~ "`microdnf install`"
# expect-fix[unsafe]: vim && microdnf clean all
RUN dnf install -y httpd && microdnf install -y vim
# A cache mount elsewhere does not exempt the RUN.
# expect: dnf-install-without-clean
# expect-fix[unsafe]: httpd && dnf clean all
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd
# expect: dnf-install-without-clean
RUN <<EOF
dnf install -y httpd
EOF
# expect: dnf-install-without-clean@6
RUN ["dnf", "install", "-y", "httpd"]
FROM fedora:41
# expect: dnf-install-without-clean@13
# expect-fix[unsafe]: httpd && dnf clean all
onbuild run dnf install -y httpd
