# test-options: label-invalid-spdx.required-labels=org.opencontainers.image.licenses:spdx,maintainer
FROM alpine:3.20
# expect: label-invalid-spdx ~ "is not an SPDX license identifier"
LABEL org.opencontainers.image.licenses="Apache 2"
# expect: label-invalid-spdx
LABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"
# expect: label-invalid-spdx
LABEL org.opencontainers.image.licenses=mit
