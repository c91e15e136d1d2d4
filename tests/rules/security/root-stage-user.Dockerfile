FROM debian:12-slim AS build
USER app
# expect: root-stage-user@6 ~ "stage 'build' ends as root (`USER 0:0`); switch back to an unprivileged user"
USER 0:0
RUN make
FROM debian:12-slim
USER 10001
RUN useradd app
# `root:` with an empty group is root as well.
# expect: root-stage-user ~ "stage 1 ends as root (`USER root:`)"
user root:
