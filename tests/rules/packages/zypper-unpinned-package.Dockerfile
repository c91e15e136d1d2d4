# Packages of `zypper install` with no version relation, read as hadolint reads them.
FROM opensuse/leap:15.6
# expect: zypper-unpinned-package@23 ~ "package 'curl' is not pinned; write 'curl=<version>'"
RUN zypper -n install curl && zypper clean
# A dash is not a version for zypper; a substitution is not seen through.
# expect: zypper-unpinned-package ~ "package 'python3-pip'"
# expect: zypper-unpinned-package ~ "package '$(cat /tmp/packages)'"
RUN zypper -n in python3-pip 'wget>=1.21' $(cat /tmp/packages) && zypper clean
# As in hadolint, an option value written as a separate word is read as a package.
# expect: zypper-unpinned-package ~ "package 'pattern'"
# expect: zypper-unpinned-package ~ "package 'devel_basis'"
RUN zypper -n install -t pattern devel_basis && zypper clean
# expect: zypper-unpinned-package
RUN <<EOF
zypper -n install vim
EOF
# expect: zypper-unpinned-package@33
RUN ["zypper", "-n", "install", "curl"]
# expect: zypper-unpinned-package
onbuild run zypper -n install curl
