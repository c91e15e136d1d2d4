ARG ARCH
# Another platform, two substituted names, an undefined part, or a different result.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20
FROM --platform=${TARGETPLATFORM}${ARCH} alpine:3.20
FROM --platform=${TARGETPLATFORM%/*}/arm64 alpine:3.20
FROM --platform=linux/amd64 alpine:3.20
FROM alpine:3.20
