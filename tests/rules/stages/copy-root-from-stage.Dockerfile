FROM golang:1.22 AS build
WORKDIR /src
RUN go build -o /out/app .

FROM debian:12-slim AS base
# expect: copy-root-from-stage@19 ~ "the whole filesystem of stage 'build' is copied into the final image at '/build/'"
COPY --from=build / /build/

FROM base
# expect: copy-root-from-stage ~ "stage 'build' is copied into the final image at '/'"
COPY --from=build ./ /
# expect: copy-root-from-stage ~ "image 'alpine:3.20'"
COPY --from=alpine:3.20 ["/", "/opt/alpine"]
# expect: copy-root-from-stage ~ "stage 0"
COPY --from=0 "." /srv
