# `USER root` as written is root-stage-user's finding; an unresolved USER is not guessed.
FROM debian:12-slim AS build
ARG BUILD_USER
USER ${BUILD_USER}
FROM debian:12-slim
USER root
