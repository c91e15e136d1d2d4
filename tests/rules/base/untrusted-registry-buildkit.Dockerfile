# test-options: untrusted-registry.trusted-registries=docker.io
# test-options: untrusted-registry.semantics=buildkit
# ARG defaults are expanded.
ARG REGISTRY=quay.io
# expect: untrusted-registry ~ "base image 'quay.io/org/app:1' comes from registry 'quay.io'"
FROM $REGISTRY/org/app:1 AS app
# An ONBUILD trigger runs in every stage built FROM this one; it is reported once, here.
# expect: untrusted-registry ~ "'COPY --from' image 'registry.gitlab.com/org/tool:1'"
ONBUILD COPY --from=registry.gitlab.com/org/tool:1 /tool /tool
FROM app
FROM app
# A port belongs to the registry host.
# expect: untrusted-registry ~ "base image 'localhost:5000/app' comes from registry 'localhost:5000'"
FROM localhost:5000/app
# expect: untrusted-registry ~ "mount image 'ghcr.io/a/b:1' comes from registry 'ghcr.io'"
RUN --mount=type=cache,target=/root/.cache --mount=from=ghcr.io/a/b:1,target=/x true
