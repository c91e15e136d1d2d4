FROM golang:1.23 AS build
# A USER inside ONBUILD does not count.
ONBUILD USER app
RUN go build -o /out/app ./cmd/app
# expect: root-final-user@1 ~ "no `USER` instruction in this Dockerfile; the container runs as the base image's user, usually root"
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
