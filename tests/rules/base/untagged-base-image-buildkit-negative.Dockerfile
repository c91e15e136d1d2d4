# test-options: untagged-base-image.semantics=buildkit
# Tagged, pinned, scratch, earlier stages, and images that depend on an ARG without default.
ARG TAG
ARG IMAGE
ARG STAGE=base
FROM alpine:3.20 AS base
FROM base
FROM $STAGE
FROM scratch
FROM alpine@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
FROM $IMAGE
FROM ${IMAGE:-ubuntu}
FROM alpine:$TAG
FROM localhost:5000/app:1.0
ONBUILD RUN echo FROM ubuntu
