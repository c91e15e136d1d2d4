# The last USER of the whole file counts, even when it belongs to an earlier stage.
FROM alpine:3.20 AS runtime
USER app
FROM alpine:3.20 AS tools
# expect: root-final-user@6 ~ "the last `USER` of this Dockerfile is '0:0'; the container runs as root"
USER 0:0
