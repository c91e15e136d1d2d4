# test-options: untrusted-registry.trusted-registries=docker.io,ghcr.*
# Docker Hub by default and by name, a prefix pattern, stages, scratch, and hadolint's reading of
# registries: a variable or a port does not make one.
ARG REGISTRY=quay.io
FROM alpine:3.20 AS base
FROM docker.io/bitnami/redis:7.2
FROM ghcr.io/org/app:1
FROM scratch
FROM base
FROM $REGISTRY/org/app:1
FROM localhost:5000/app
COPY --from=base /a /b
COPY --from=0 /a /b
COPY --from=nginx:1.27 /a /b
RUN --mount=type=cache,target=/root/.cache true
ONBUILD COPY --from=quay.io/org/tool:1 /a /b
