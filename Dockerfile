# syntax=docker/dockerfile:1
# dfopt's own image: dfopt built from this source tree, on Debian 12 slim with only its runtime
# libraries, running as an unprivileged user.
#
#   docker build -t dfopt .
#   docker run --rm -v "$PWD:/src:ro" dfopt check /src
#
# `dfopt check Dockerfile` reports nothing on this file; tests/unit/integrations_test.cpp keeps
# it that way.

# build compiles dfopt (Release) with Debian's toolchain and libraries.
FROM debian:12.8-slim AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        antlr4=4.7.2-5 \
        ca-certificates=20230311+deb12u1 \
        cmake=3.25.1-1 \
        default-jre-headless=2:1.17-74 \
        g++=4:12.2.0-3 \
        libantlr4-runtime-dev=4.9+dfsg-3 \
        libcli11-dev=2.1.2+ds-1 \
        libfmt-dev=9.1.0+ds1-2 \
        libsqlite3-dev=3.40.1-2+deb12u2 \
        libyaml-cpp-dev=0.7.0+dfsg-8+b1 \
        ninja-build=1.11.1-2~deb12u1 \
        nlohmann-json3-dev=3.11.2-2 \
        pkg-config=1.8.1-1 \
        uuid-dev=2.38.1-5+deb12u3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDFOPT_BUILD_TESTS=OFF \
        -DDFOPT_BUILD_BENCHMARKS=OFF \
    && cmake --build /build --target dfopt \
    && strip /build/dfopt

FROM debian:12.8-slim
LABEL org.opencontainers.image.title="dfopt" \
      org.opencontainers.image.description="Dockerfile static analyzer and optimizer"
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libantlr4-runtime4.9=4.9+dfsg-3 \
        libfmt9=9.1.0+ds1-2 \
        libsqlite3-0=3.40.1-2+deb12u2 \
        libyaml-cpp0.7=0.7.0+dfsg-8+b1 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/dfopt /usr/local/bin/dfopt
# A command-line tool, not a service: there is nothing for a health check to probe.
HEALTHCHECK NONE
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/dfopt"]
CMD ["check", "."]
