# No CMD or ENTRYPOINT: a base or tool image that others build FROM.
FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM debian:12-slim
COPY --from=tools /usr/bin/curl /usr/bin/curl
RUN apt-get update && apt-get install -y build-essential libssl-dev
