FROM alpine:3.20 AS base
# expect: workdir-relative-path@9 ~ "relative WORKDIR 'app' depends on the base image's working directory"
WORKDIR app
# Only the first WORKDIR of a stage chain is checked.
WORKDIR sub
FROM base
WORKDIR other
FROM alpine:3.20
ARG DIR=rel
# Checked after expansion.
# expect: workdir-relative-path ~ "'rel/x'"
WORKDIR $DIR/x
FROM scratch
# expect: workdir-relative-path
# expect-fix: /opt
WORKDIR opt
