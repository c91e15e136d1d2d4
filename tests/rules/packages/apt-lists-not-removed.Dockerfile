# A stage that a later FROM builds on keeps its layers in the image.
FROM debian:12 AS base
# expect: apt-lists-not-removed@5 ~ "`apt-get update` leaves the package lists in the layer; add `rm -rf /var/lib/apt/lists/*` to this RUN"
RUN apt-get update && apt-get install -y --no-install-recommends curl
# `rm` of the lists directory without the `*`, or in a `sh -c` string, is not the cleanup.
# expect: apt-lists-not-removed@5
RUN apt-get -q update && apt-get install -y git && rm -r -f /var/lib/apt/lists
# expect: apt-lists-not-removed
RUN apt-get update && apt-get install -y git && sh -c 'rm -rf /var/lib/apt/lists/*'
# A cache mount on /var/cache/apt alone keeps the lists in the layer.
# expect: apt-lists-not-removed@46
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y jq
# An ONBUILD trigger runs in a stage of another file: always checked.
# expect: apt-lists-not-removed@13
ONBUILD RUN apt-get update && apt-get install -y make

FROM golang:1.23 AS build
RUN go build ./...

FROM base
# apt and aptitude update the same lists; a heredoc and a lowercase instruction.
# expect: apt-lists-not-removed@5 ~ "`apt update`"
run apt update && apt install -y tini
# expect: apt-lists-not-removed@1 ~ "`aptitude update`"
RUN <<EOF
aptitude update
aptitude install -y htop
EOF
# Continuation lines.
# expect: apt-lists-not-removed@5
RUN apt-get \
      update \
 && apt-get install -y --no-install-recommends ca-certificates
