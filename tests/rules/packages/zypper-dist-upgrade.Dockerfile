# zypper dist-upgrade and its short form, wherever hadolint reads commands.
FROM opensuse/leap:15.6
# expect: zypper-dist-upgrade@5 ~ "`zypper dist-upgrade` upgrades every package of the base image; use a newer base image instead"
RUN zypper -n dist-upgrade && zypper -n install curl && zypper clean
# expect: zypper-dist-upgrade@23 ~ "`zypper dup`"
RUN zypper refresh && zypper --non-interactive dup --no-recommends
# expect: zypper-dist-upgrade
RUN <<EOF
zypper -n dup
EOF
# expect: zypper-dist-upgrade@6
RUN ["zypper", "-n", "dup"]
# expect: zypper-dist-upgrade@13
ONBUILD RUN zypper -n dup || true
# expect: zypper-dist-upgrade
run (zypper -n dup)
