FROM scratch
FROM alpine:3.20 AS scratchpad
# As written: hadolint sees another name in another case (BuildKit does not, see
# reserved-stage-name).
FROM alpine:3.20 AS Scratch
FROM alpine:3.20 AS CONTEXT
FROM alpine:3.20 AS build-context
COPY --from=context /a /b
