FROM scratch
FROM alpine:3.20 AS scratchpad
FROM alpine:3.20 AS build-context
COPY --from=context /a /b
FROM scratch AS base
