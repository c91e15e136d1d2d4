# zypper commands that change packages without -n, --non-interactive, -y or --no-confirm. The
# fix adds the global option -n after `zypper`, before the subcommand.
FROM opensuse/leap:15.6
# expect: zypper-without-non-interactive@5 ~ "`zypper install` without `-n` asks for a confirmation that the build cannot give"
# expect-fix: zypper -n
RUN zypper install curl && zypper clean
# expect: zypper-without-non-interactive@23 ~ "`zypper in`"
# expect-fix: zypper -n
RUN zypper refresh && zypper in curl && zypper clean
# expect: zypper-without-non-interactive ~ "`zypper remove`"
# expect-fix: zypper -n
# expect: zypper-without-non-interactive ~ "`zypper rm`"
# expect-fix: zypper -n
RUN zypper remove vim; zypper rm nano || true
# expect: zypper-without-non-interactive ~ "`zypper patch`"
# expect-fix: zypper -n
RUN zypper --root /mnt patch | tee /tmp/patch.log
# expect: zypper-without-non-interactive ~ "`zypper si`"
# expect-fix: zypper -n
# expect: zypper-without-non-interactive ~ "`zypper source-install`"
# expect-fix: zypper -n
RUN (zypper si kernel-source) && echo "$(zypper source-install gcc)"
# -q is not -n.
# expect: zypper-without-non-interactive
# expect-fix: zypper -n
RUN zypper -q install \
    # the HTTP client
    curl
# expect: zypper-without-non-interactive
# expect-fix: zypper -n
RUN <<EOF
zypper install curl
zypper clean
EOF
# expect: zypper-without-non-interactive@6
# expect-fix: "zypper", "-n"
RUN ["zypper", "install", "curl"]
FROM opensuse/leap:15.6
# expect: zypper-without-non-interactive@13
# expect-fix: zypper -n
onbuild run zypper install curl
