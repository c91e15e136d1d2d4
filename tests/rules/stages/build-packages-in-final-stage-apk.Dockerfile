FROM golang:1.22-alpine AS build
RUN go build -o /app .

FROM alpine:3.20 AS base
# expect: build-packages-in-final-stage ~ "'build-base', 'linux-headers', 'openssl-dev'"
RUN apk add --no-cache build-base linux-headers openssl-dev ca-certificates

FROM base
# A virtual group deleted later in another RUN still ships.
# expect: build-packages-in-final-stage ~ "'musl-dev'"
RUN apk add --no-cache --virtual .deps musl-dev
RUN apk del .deps
# expect: build-packages-in-final-stage ~ "'gcc-c++', 'make', 'zlib-devel'"
RUN dnf install -y gcc-c++ make zlib-devel && dnf clean all
COPY --from=build /app /app
ENTRYPOINT ["/app"]
