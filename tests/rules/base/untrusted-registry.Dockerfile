# test-options: untrusted-registry.trusted-registries=docker.io, *.example.com
# expect: untrusted-registry@6 ~ "base image 'quay.io/prometheus/busybox:1.36' comes from registry 'quay.io', which is not trusted (trusted: docker.io, *.example.com)"
FROM quay.io/prometheus/busybox:1.36 AS bb
FROM alpine:3.20
FROM registry.example.com/team/app:2
# expect: untrusted-registry ~ "'COPY --from' image 'ghcr.io/org/tool:1' comes from registry 'ghcr.io'"
COPY --from=ghcr.io/org/tool:1 /bin/tool /usr/local/bin/
COPY --from=bb /bin/busybox /bin/
# expect: untrusted-registry ~ "mount image 'gcr.io/distroless/base:nonroot'"
RUN --mount=type=bind,from=gcr.io/distroless/base:nonroot,target=/d true
# A mount without from= reads from scratch; one finding per RUN.
# expect: untrusted-registry ~ "mount image 'quay.io/a/b:1'"
run --mount=type=cache,target=/root/.cache --mount=type=cache,from=quay.io/a/b:1,target=/x \
    --mount=type=bind,from=quay.io/c/d:1,target=/y true
