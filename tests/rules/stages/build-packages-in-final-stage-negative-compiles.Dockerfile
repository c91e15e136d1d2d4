# The produced image compiles in place: it is a build image.
FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM debian:12-slim
COPY --from=tools /usr/bin/curl /usr/bin/curl
RUN apt-get update && apt-get install -y gcc make libssl-dev
COPY . /src
RUN ./configure --prefix=/usr/local && make -C /src
CMD ["make", "-C", "/src", "test"]
