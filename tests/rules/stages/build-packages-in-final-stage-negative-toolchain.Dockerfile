# A toolchain base image: the compiler is what the image is for.
FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM golang:1.22-alpine
COPY --from=tools /usr/bin/curl /usr/bin/curl
RUN apk add --no-cache gcc musl-dev
ENTRYPOINT ["go"]
