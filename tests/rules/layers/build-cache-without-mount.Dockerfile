FROM rust:1.79 AS build
WORKDIR /src
COPY . .
# expect: build-cache-without-mount@5 ~ "`cargo build` without a cache mount for the cargo registry and `target/`: every rebuild downloads and compiles the dependencies again"
RUN cargo build --release
# expect: build-cache-without-mount@19 ~ "`cargo fetch`"
RUN mkdir -p x && cargo fetch --locked
# A cache mount for something else does not count.
# expect: build-cache-without-mount@42 ~ "`cargo b`"
RUN --mount=type=cache,target=/root/.npm cargo b
# Inside `sh -c`.
# expect: build-cache-without-mount@12 ~ "`cargo test`"
RUN sh -c "cargo test"

FROM golang:1.22 AS gobuild
WORKDIR /src
COPY go.mod go.sum ./
# expect: build-cache-without-mount@5 ~ "`go mod download` without a cache mount for the Go module and build caches"
RUN go mod download
COPY . .
# expect: build-cache-without-mount@5 ~ "`go build`"
run go build -o /out/app .
