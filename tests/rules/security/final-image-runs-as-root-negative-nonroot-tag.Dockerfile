# distroless `nonroot` tags run as 65532 without a USER instruction.
FROM gcr.io/distroless/static-debian12:nonroot
COPY app /app
ENTRYPOINT ["/app"]
