FROM rust:1.79-alpine AS builder
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && \
    echo "fn main() {}" > src/main.rs && \
    cargo build --release && \
    rm -rf src
COPY src ./src
# expect: cargo-dummy-main-build@5 ~ "`cargo build` may reuse the placeholder build of line 4 and ship its binary; `touch` the sources or remove the crate's artefacts first"
RUN cargo build --release && \
    strip target/release/app

# A library placeholder made with `touch`, the build after `&&` in a later RUN, lowercase.
FROM rust:1.79 AS lib
WORKDIR /lib
COPY Cargo.toml ./
run mkdir src && touch src/lib.rs && cargo build
COPY . .
# expect: cargo-dummy-main-build@26 ~ "placeholder build of line 17"
RUN cargo fmt --check && cargo build

# printf in a heredoc RUN.
FROM rust:1.79 AS heredoc
COPY Cargo.toml ./
RUN <<EOF
mkdir -p src
printf 'fn main() {}\n' > src/main.rs
cargo build --release
EOF
COPY src src
# expect: cargo-dummy-main-build@5
RUN cargo b --release
