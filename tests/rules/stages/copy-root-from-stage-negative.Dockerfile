FROM golang:1.22 AS build
RUN go build -o /out/app .

# A stage assembled from scratch holds only what was copied into it.
FROM scratch AS rootfs
COPY --from=build /out/app /app

# An intermediate stage that picks files out of the copy does not reach the image.
FROM alpine:3.20 AS pack
COPY --from=build / /snapshot
RUN tar -C /snapshot -czf /app.tgz out

FROM debian:12-slim
# Source `/` to `/` is copy-whole-filesystem (DF207).
COPY --from=build / /
COPY --from=build /out/ /usr/local/bin/
COPY --from=pack /app.tgz /
COPY --from=${UNSET} / /x
ONBUILD COPY --from=build / /build
