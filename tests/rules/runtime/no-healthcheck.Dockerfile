FROM golang:1.23 AS build
ONBUILD HEALTHCHECK CMD ["/app", "health"]
RUN go build -o /out/app ./cmd/app
# Reported once, at the last stage.
# expect: no-healthcheck@1 ~ "no `HEALTHCHECK` in this Dockerfile"
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
