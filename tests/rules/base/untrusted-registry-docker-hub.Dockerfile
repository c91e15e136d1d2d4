# test-options: untrusted-registry.trusted-registries=registry.example.com
# Docker Hub is not trusted here.
# expect: untrusted-registry ~ "base image 'alpine:3.20' comes from Docker Hub, which is not trusted (trusted: registry.example.com)"
FROM alpine:3.20 AS base
# hadolint checks a stage index as an image name.
# expect: untrusted-registry ~ "'COPY --from' image '0' comes from Docker Hub"
COPY --from=0 /a /b
COPY --from=base /a /b
RUN --mount=type=cache,target=/root/.cache true
# expect: untrusted-registry ~ "mount image 'alpine'"
RUN --mount=type=bind,from=alpine,target=/a true
FROM scratch
FROM registry.example.com/app:1
