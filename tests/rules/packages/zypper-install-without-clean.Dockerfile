# A zypper install with no `zypper clean` (or `cc`) after it in the same RUN.
FROM opensuse/leap:15.6
# expect: zypper-install-without-clean@5 ~ "`zypper install` without a later `zypper clean` leaves the package cache in the layer"
# expect-fix[unsafe]: curl && zypper clean
RUN zypper -n install curl
# expect: zypper-install-without-clean@24 ~ "`zypper in`"
# expect-fix[unsafe]: wget && zypper clean
RUN zypper clean -a && zypper -n in wget
# expect: zypper-install-without-clean
RUN zypper -n install curl; zypper -n install wget
# A cache mount elsewhere does not exempt the RUN.
# expect: zypper-install-without-clean
# expect-fix[unsafe]: curl && zypper clean
RUN --mount=type=cache,target=/root/.cache zypper -n install curl
# expect: zypper-install-without-clean
RUN <<EOF
zypper -n install curl
EOF
# expect: zypper-install-without-clean@6
RUN ["zypper", "-n", "install", "curl"]
# expect: zypper-install-without-clean@13
# expect-fix[unsafe]: /tmp/log && zypper clean
ONBUILD RUN zypper -n install curl 2>&1 | tee /tmp/log
