# Cache mounts for the tool, other subcommands, ONBUILD, exec form with a mount, powershell.
FROM rust:1.79 AS build
WORKDIR /src
RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release
RUN --mount=type=cache,target=/src/target,sharing=locked cargo build
RUN cargo --version && cargo metadata --format-version 1
ONBUILD RUN cargo build
RUN --mount=type=cache,target=/usr/local/cargo/registry ["cargo", "build"]
FROM golang:1.22
RUN --mount=type=cache,target=/go/pkg/mod go mod download
RUN --mount=type=cache,target=/root/.cache/go-build go build ./...
RUN go mod tidy && go version && go env
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN cargo build
