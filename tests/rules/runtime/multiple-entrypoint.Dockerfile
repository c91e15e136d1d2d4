FROM alpine:3.20
ENTRYPOINT ["/sbin/tini", "--"]
# expect: multiple-entrypoint@1 ~ "`ENTRYPOINT` overrides the `ENTRYPOINT` on line 2"
entrypoint /app/server \
    --verbose
