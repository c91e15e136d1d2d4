FROM debian:12
# expect: index-update-without-install@5 ~ "`apt-get update` is not followed by an install in this RUN; a later RUN may install from a stale cached index"
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# An update after the last install, behind wrappers and options, in `sh -c`, or in a heredoc.
# expect: index-update-without-install@55 ~ "`apt-get update`"
RUN apt-get install -y --no-install-recommends git && apt-get update
# expect: index-update-without-install@13 ~ "`apt-get update`"
RUN sudo -E apt-get -o Acquire::Retries=3 update
# expect: index-update-without-install@16 ~ "`apt update`"
RUN env LANG=C apt update -qq || true
# expect: index-update-without-install@12 ~ "`aptitude update`"
RUN sh -c 'aptitude update'
# expect: index-update-without-install@1
RUN <<EOF
set -e
apt-get update
EOF
# An install by another package manager does not use the apt index, nor does `sh -c`'s script
# hide anything: it is read with the rest; only a later cleanup of the index would settle it.
# expect: index-update-without-install@5
# expect: index-update-without-install@50
RUN apt-get update && apk add --no-cache curl && apt-get update && bash -c 'echo done' \
 && rm -rf /var/cache/apk/*
# The update on a continuation line, in a lowercase instruction and in ONBUILD.
# expect: index-update-without-install@5
run apt-get \
# refresh
      update
# expect: index-update-without-install@13
ONBUILD RUN apt-get update

FROM alpine:3.20
# expect: index-update-without-install@5 ~ "`apk update`"
RUN apk update
# expect: index-update-without-install@6
RUN ["apk", "update"]
