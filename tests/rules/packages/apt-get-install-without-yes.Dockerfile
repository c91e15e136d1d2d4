FROM debian:12
# expect: apt-get-install-without-yes@23 ~ "`apt-get install` without `-y` aborts the build when apt asks to confirm"
RUN apt-get update && apt-get install --no-install-recommends curl
# One -q, three -q, --force-yes and a `--` do not answer the prompt.
# expect: apt-get-install-without-yes@5
# expect: apt-get-install-without-yes@32
# expect: apt-get-install-without-yes@58
RUN apt-get -q install wget && apt-get -qqq install git; apt-get install --force-yes -- vim
# The command split over lines: the `install` word itself continues on the next line.
# expect: apt-get-install-without-yes@5
RUN apt-get inst\
all \
# a comment inside the continuation
      --no-install-recommends jq
# expect: apt-get-install-without-yes@13
RUN true && apt-get install \
      make
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: apt-get-install-without-yes@1
RUN <<EOF
apt-get update
apt-get install htop
EOF
# expect: apt-get-install-without-yes@5
run apt-get install less
# expect: apt-get-install-without-yes@13
ONBUILD RUN apt-get install tree
# expect: apt-get-install-without-yes@6
# expect-fix: , "-y"
RUN ["apt-get", "install", "file"]
