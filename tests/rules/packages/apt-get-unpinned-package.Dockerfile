# Each package of an `apt-get install` with no `=`, `/` or `.deb`, wherever the command runs.
FROM debian:12
# expect: apt-get-unpinned-package@66 ~ "package 'curl' is not pinned; write 'curl=<version>'"
RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1
# After `;`, `||`, in a pipeline, a subshell and a command substitution.
# expect: apt-get-unpinned-package ~ "package 'wget'"
# expect: apt-get-unpinned-package ~ "package 'vim'"
# expect: apt-get-unpinned-package ~ "package 'nano'"
# expect: apt-get-unpinned-package ~ "package 'htop'"
# expect: apt-get-unpinned-package ~ "package 'less'"
RUN true; yes | apt-get install wget || (apt-get install -y vim) && echo "$(apt-get install -y nano)" \
 ; apt-get -y install htop; apt-get -qqy install less
# `install` anywhere in the arguments; the value of -t is not a package, the next word is.
# expect: apt-get-unpinned-package@46 ~ "package 'nginx'"
RUN apt-get -y -t bookworm-backports install nginx
# A continuation with a comment line inside.
# expect: apt-get-unpinned-package@7 ~ "package 'libssl-dev'"
RUN apt-get install -y \
# the TLS headers
      libssl-dev \
      zlib1g-dev=1:1.2.13.dfsg-1
# Variables and substitutions count as unpinned unless the word holds `=` or `/`.
# expect: apt-get-unpinned-package ~ "package '$PACKAGES' is not pinned to a version"
# expect: apt-get-unpinned-package ~ "package '$(cat /tmp/packages.txt)' is not pinned"
RUN apt-get install -y $PACKAGES "$(cat /tmp/packages.txt)" curl=${CURL_VERSION}
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: apt-get-unpinned-package ~ "package 'jq'"
RUN <<EOF
set -e
apt-get install -y jq
EOF
# expect: apt-get-unpinned-package ~ "package 'make'"
run apt-get install -y make
# expect: apt-get-unpinned-package@35 ~ "package 'tree'"
ONBUILD RUN apt-get install --yes tree
# expect: apt-get-unpinned-package@34 ~ "package 'file'"
RUN ["apt-get", "install", "-y", "file"]
# An option that carries its value after `=` does not take the next word (hadolint 2.15).
# expect: apt-get-unpinned-package@60 ~ "package 'nginx'"
RUN apt-get install -y --target-release=bookworm-backports nginx
