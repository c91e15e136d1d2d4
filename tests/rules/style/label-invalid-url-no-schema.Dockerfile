# Without a schema the value rules are inactive.
FROM alpine:3.20
LABEL org.opencontainers.image.source="not a url"
