FROM golang:1.23 AS build
RUN apt-get update && apt-get install -y curl
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
# expect: healthcheck-tool-missing@18 ~ "runs `wget`, but 'gcr.io/distroless/static-debian12:nonroot' does not ship it"
HEALTHCHECK CMD ["/usr/bin/wget", "-qO-", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["/app"]
