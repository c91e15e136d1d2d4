# dnf and microdnf installs without -y or --assumeyes, wherever hadolint reads commands.
FROM fedora:41
# expect: dnf-install-without-yes@5 ~ "`dnf install` without `-y` asks for a confirmation that the build cannot give"
# expect-fix: install -y
RUN dnf install httpd && dnf clean all
# Older microdnf releases reject -y: the fix is unsafe there.
# expect: dnf-install-without-yes@5 ~ "`microdnf install` without `-y` may ask for a confirmation, depending on its version"
# expect-fix[unsafe]: install -y
RUN microdnf --nodocs install httpd && microdnf clean all
# expect: dnf-install-without-yes ~ "`dnf groupinstall`"
# expect-fix: groupinstall -y
# expect: dnf-install-without-yes ~ "`dnf localinstall`"
# expect-fix: localinstall -y
RUN dnf -q makecache; dnf groupinstall "Development Tools" || dnf localinstall /tmp/app.rpm
# Options before the subcommand, and a pipeline.
# expect: dnf-install-without-yes
# expect-fix: install -y
RUN dnf --setopt=install_weak_deps=False install httpd | tee /tmp/dnf.log
# expect: dnf-install-without-yes@6
# expect-fix: install -y
# expect: dnf-install-without-yes@36
# expect-fix: install -y
RUN (dnf install httpd) && echo "$(dnf install -q php)" && dnf clean all
# expect: dnf-install-without-yes
# expect-fix: install -y
RUN dnf makecache \
    # the web server
    && dnf install \
        httpd
# expect: dnf-install-without-yes
# expect-fix: install -y
RUN <<EOF
dnf install httpd
dnf clean all
EOF
# expect: dnf-install-without-yes@6
# expect-fix[unsafe]: "install", "-y"
RUN ["microdnf", "install", "httpd"]
FROM fedora:41
# expect: dnf-install-without-yes@13
# expect-fix: install -y
onbuild run dnf install httpd
