ARG ALPINE_VERSION=3.20
# expect: base-image-not-pinned-by-digest@6 ~ "'rust:1.82-alpine' is pinned by tag, not digest"
FROM rust:1.82-alpine AS build
# expect: base-image-not-pinned-by-digest@6 ~ "'alpine:3.20' is pinned by tag"
from alpine:${ALPINE_VERSION}
# expect: base-image-not-pinned-by-digest@32 ~ "'ghcr.io/acme/tools:v2'"
FROM --platform=$BUILDPLATFORM ghcr.io/acme/tools:v2 AS tools
