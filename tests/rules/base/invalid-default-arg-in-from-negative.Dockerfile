# Defaults that make valid references, a default inside the FROM, stages and scratch.
ARG VERSION=22
ARG IMAGE=alpine:3.20
ARG REGISTRY
FROM node:$VERSION-alpine AS a
FROM $IMAGE
FROM ${REGISTRY:-docker.io}/library/alpine:3.20
FROM a
FROM scratch
