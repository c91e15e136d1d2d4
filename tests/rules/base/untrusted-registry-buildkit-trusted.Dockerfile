# test-options: untrusted-registry.trusted-registries=hub.docker.com,GHCR.*
# test-options: untrusted-registry.semantics=buildkit
# Docker Hub in every spelling, a prefix pattern (hosts ignore case), stages by name and index,
# scratch, and an image that depends on an ARG without default.
ARG REGISTRY
FROM alpine:3.20 AS base
FROM index.docker.io/library/alpine:3.20
FROM docker.io/bitnami/redis:7.2
FROM ghcr.io/org/app:1
FROM scratch
FROM base
FROM $REGISTRY/org/app:1
COPY --from=base /a /b
COPY --from=0 /a /b
COPY --from=nginx:1.27 /a /b
RUN --mount=type=cache,target=/root/.cache true
