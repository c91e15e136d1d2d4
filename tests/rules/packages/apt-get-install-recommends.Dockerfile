FROM debian:12
# expect: apt-get-install-recommends@23 ~ "`apt-get install` without `--no-install-recommends` also installs the recommended packages"
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# A similar option, or the setting under another name, is not enough.
# expect: apt-get-install-recommends@5
# expect: apt-get-install-recommends@54
RUN apt-get -y --no-install-suggests install wget && apt-get install -y -o APT::Install-Recommends=0 git
# The command split over lines, with a comment inside.
# expect: apt-get-install-recommends@5
RUN apt-get -y \
# quiet
      -q install \
      jq
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: apt-get-install-recommends@1
RUN <<EOF
apt-get install -y htop
EOF
# expect: apt-get-install-recommends@5
run apt-get install -y less
# expect: apt-get-install-recommends@13
ONBUILD RUN apt-get install -y tree
# expect: apt-get-install-recommends@6
# expect-fix[unsafe]: , "--no-install-recommends"
RUN ["apt-get", "install", "-y", "file"]
