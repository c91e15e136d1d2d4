# syntax=docker/dockerfile:1
# A comment before the first FROM is fine, and so are global ARGs in any case.
ARG BASE=alpine
arg TAG=3.20
FROM ${BASE}:${TAG}
ENV AFTER=1
FROM scratch
COPY --from=0 /etc/os-release /
