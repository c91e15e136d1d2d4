# expect: stage-without-healthcheck@1 ~ "stage 'build' has no `HEALTHCHECK`"
FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app
# An ONBUILD HEALTHCHECK is for child images only.
# expect: stage-without-healthcheck ~ "stage 1 has no `HEALTHCHECK`"
from alpine:3.20
ONBUILD HEALTHCHECK CMD ["/app", "health"]
COPY --from=build /out/app /app
