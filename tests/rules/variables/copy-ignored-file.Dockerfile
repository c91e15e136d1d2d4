FROM alpine:3.20
# expect: copy-ignored-file@6 ~ "`COPY` source 'README.md' is excluded by copy-ignored-file.Dockerfile.dockerignore"
COPY README.md /docs/
# A parent directory is excluded.
# expect: copy-ignored-file ~ "'secrets/api.key'"
COPY ./secrets/../secrets/api.key /run/
# ** crosses directories; the matched source is reported once.
# expect: copy-ignored-file ~ "'logs/app/today.log'"
ADD logs/app/today.log src/main.c /var/
# expect: copy-ignored-file ~ "'build'"
COPY build /build
ARG DOCS=docs
# Expanded before matching.
# expect: copy-ignored-file ~ "'docs/guide.md'"
COPY ${DOCS}/guide.md /docs/
# expect: copy-ignored-file ~ "'tmp?/x'"
COPY ["tmp?/x", "/x"]
