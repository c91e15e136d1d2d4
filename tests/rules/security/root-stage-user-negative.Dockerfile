# The last USER of each stage is unprivileged, or there is none; values are matched as written
# (as hadolint does), and a USER inside ONBUILD belongs to child images.
FROM debian:12-slim AS build
USER root
RUN apt-get update
USER builder
FROM debian:12-slim AS nouser
RUN true
FROM debian:12-slim
ARG ADMIN=root
USER rooted
USER ${ADMIN}
ONBUILD USER root
