FROM golang:1.22 AS build
FROM scratch
# No --from: the build context, not another stage.
COPY / /
COPY --from=build /out /
COPY --from=build / /rootfs/
COPY --from=build ./ /
# hadolint checks top-level COPY only.
ONBUILD COPY --from=build / /
