# One HEALTHCHECK anywhere in the file is enough, even HEALTHCHECK NONE in an earlier stage.
FROM alpine:3.20 AS base
healthcheck NONE
FROM scratch
COPY --from=base /etc/alpine-release /
