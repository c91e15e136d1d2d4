# The ignore file beside this fixture excludes .git; COPY --from, named sources, ONBUILD,
# heredocs.
FROM alpine:3.20 AS build
COPY --from=build . /x
COPY src/ /src/
ONBUILD COPY . /app
COPY <<EOF /etc/motd
hello
EOF
COPY . .
