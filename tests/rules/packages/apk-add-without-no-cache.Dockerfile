FROM alpine:3.20
# expect: apk-add-without-no-cache@19 ~ "`apk add` without `--no-cache` keeps the package index in the layer"
RUN apk update && apk add curl=8.9.1-r1
# `--update`, `--no-progress` and a similar option are not `--no-cache`.
# expect: apk-add-without-no-cache@5
# expect: apk-add-without-no-cache@39
RUN apk --update add git=2.45.2-r0 && apk add --no-progress --cache-max-age 60 jq=1.7.1-r0
# The command split over lines, with a comment inside.
# expect: apk-add-without-no-cache@5
RUN apk \
# install the build tools
      add \
      make=4.4.1-r2
# A cache mount elsewhere than /var/cache/apk does not help.
# expect: apk-add-without-no-cache@37
RUN --mount=type=cache,target=/root apk add bash=5.2.26-r0
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: apk-add-without-no-cache@1
RUN <<EOF
apk add htop=3.3.0-r0
EOF
# expect: apk-add-without-no-cache@5
run apk add less=643-r2
# expect: apk-add-without-no-cache@13
ONBUILD RUN apk add tree=2.1.1-r0
# expect: apk-add-without-no-cache@6
# expect-fix: , "--no-cache"
RUN ["apk", "add", "file=5.45-r1"]
