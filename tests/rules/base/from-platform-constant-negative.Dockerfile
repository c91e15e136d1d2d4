ARG PLATFORM=linux/amd64
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
# Any substitution, of an ARG or even of an undeclared name, is not a constant.
FROM --platform=$PLATFORM alpine:3.20
FROM --platform=${UNDECLARED:-linux/amd64} alpine:3.20
# A stage named after the platform's OS or architecture is meant for it.
FROM --platform=linux/amd64 alpine:3.20 AS build-amd64
FROM --platform=linux/arm64 alpine:3.20 AS linux-tools
FROM --platform=linux/x86_64 alpine:3.20 AS Tools-AMD64
# Not a platform: the build fails on it, this rule does not report it.
FROM --platform=linux/arm64/v8/extra alpine:3.20
FROM --platform=linux/* alpine:3.20
FROM alpine:3.20
