# Builds forced by `touch`, by removing the crate's artefacts or `cargo clean`; a real build
# without a placeholder; a placeholder in another stage; ONBUILD; powershell.
FROM rust:1.79 AS a
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src
COPY src ./src
RUN touch src/main.rs && cargo build --release

FROM rust:1.79 AS b
COPY Cargo.toml ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && \
    rm -f target/release/deps/app*
COPY src ./src
RUN cargo build --release

FROM rust:1.79 AS c
COPY Cargo.toml ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release
COPY src ./src
RUN cargo clean -p app
RUN cargo build --release

FROM rust:1.79 AS d
COPY . .
RUN cargo build --release

FROM rust:1.79 AS e
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build
FROM rust:1.79 AS f
COPY . .
RUN cargo build
ONBUILD RUN cargo build

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN echo "fn main() {}" > src/main.rs; cargo build
RUN cargo build
