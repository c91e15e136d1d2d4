FROM alpine:3.20 AS app
USER app
FROM alpine:3.20
RUN adduser -D app
# expect: last-user-root-literal@6 ~ "the last `USER` of this Dockerfile is 'root'"
USER root
