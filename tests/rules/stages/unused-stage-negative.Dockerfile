# Stages used by FROM, by COPY --from (by name and by index), by RUN --mount=from, and a named
# stage that may be a --target.
FROM alpine:3.20
RUN echo base > /base

FROM golang:1.22 AS tools
RUN go install example.com/tool@v1.0.0

FROM golang:1.22 AS test
RUN go test ./...

FROM alpine:3.20 AS assets
RUN echo x > /x

FROM alpine:3.20 AS runtime
COPY --from=0 /base /base
COPY --from=tools /go/bin/tool /usr/local/bin/tool
RUN --mount=from=assets,source=/x,target=/x cat /x

FROM runtime
