# test-options: latest-tag-base-image.semantics=buildkit
# Pinned by digest, other tags, untagged images (untagged-base-image's business), ARGs without
# defaults, and stages.
ARG TAG
FROM node:latest@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae AS a
FROM node:22
FROM node:Latest
FROM ubuntu
FROM node:$TAG
FROM ${TAG:-latest}
FROM a
