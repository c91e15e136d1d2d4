# One ENTRYPOINT per stage, including ONBUILD triggers, which belong to child images.
FROM alpine:3.20 AS base
ENTRYPOINT ["/sbin/tini", "--"]
ONBUILD ENTRYPOINT ["/child"]
FROM base AS app
ENTRYPOINT ["/app/server"]
