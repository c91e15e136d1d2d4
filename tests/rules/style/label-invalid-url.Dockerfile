# test-options: label-invalid-url.required-labels=org.opencontainers.image.source:url,maintainer
FROM alpine:3.20
# expect: label-invalid-url ~ "is not a valid URL"
LABEL org.opencontainers.image.source="github.com/acme/app"
# expect: label-invalid-url
LABEL org.opencontainers.image.source="https://exa mple.com"
# expect: label-invalid-url
LABEL org.opencontainers.image.source="http://host:port/x"
