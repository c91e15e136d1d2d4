FROM golang:1.23 AS build
RUN go build -o /out/app ./cmd/app
# A USER inside ONBUILD does not count.
# expect: no-user-instruction@1 ~ "no `USER` instruction in this Dockerfile"
FROM gcr.io/distroless/static-debian12
ONBUILD USER nonroot
COPY --from=build /out/app /app
