# hadolint compares the text as written: quotes and defaults hide it.
FROM --platform="$TARGETPLATFORM" alpine:3.20
FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20
FROM --platform=$BUILDPLATFORM alpine:3.20
FROM --platform=$TARGETPLATFORMX alpine:3.20
