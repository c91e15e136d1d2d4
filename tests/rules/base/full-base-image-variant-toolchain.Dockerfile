# expect: full-base-image-variant@6 ~ "built on the 'golang:1.23' toolchain (about 250-350 MB); build in an earlier stage and copy the result into a runtime image such as 'gcr.io/distroless/static-debian12'"
FROM golang:1.23
COPY . /src
RUN go build -o /app ./cmd/app
ENTRYPOINT ["/app"]
