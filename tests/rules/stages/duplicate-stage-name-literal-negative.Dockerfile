FROM node:22 AS build
# Names that differ in case are different names for hadolint (not for BuildKit, see
# duplicate-stage-name).
FROM golang:1.22 AS Build
# Unnamed stages, and stages built FROM another.
FROM build
FROM build
FROM alpine:3.20 AS build_2
FROM alpine:3.20 AS \
  build-2
