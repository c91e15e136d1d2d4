FROM golang:1.22 AS build
FROM scratch
# expect: copy-whole-filesystem@19 ~ "the whole filesystem of 'build' is copied to '/'"
COPY --from=build / /
# expect: copy-whole-filesystem
COPY --from=build ["/", "/"]
# Quotes around the paths do not hide it.
# expect: copy-whole-filesystem
COPY --link --from=build "/" '/'
# expect: copy-whole-filesystem ~ "the whole filesystem of 'alpine:3.20'"
copy --from=alpine:3.20 /etc / \
    /
