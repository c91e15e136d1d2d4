FROM golang:1.23 AS build
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

# expect: final-image-runs-as-root@6 ~ "use the `nonroot` tag or add `USER 65532:65532`"
FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
