FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=${TARGETPLATFORM} alpine:3.20
FROM --platform="$TARGETPLATFORM" alpine:3.20
FROM --platform=${BUILDPLATFORM:-linux/amd64} alpine:3.20
FROM alpine:3.20
