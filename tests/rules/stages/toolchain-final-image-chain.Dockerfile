# The produced stage is built FROM a toolchain stage that compiles.
ARG RUST_VERSION=1.79
# expect: toolchain-final-image ~ "toolchain image 'rust:1.79-slim' and compiles in place (`cargo build` on line 6)"
FROM rust:${RUST_VERSION}-slim AS build
WORKDIR /src
RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release
FROM build
CMD ["/src/target/release/app"]
