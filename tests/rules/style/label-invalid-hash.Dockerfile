# test-options: label-invalid-hash.required-labels=org.opencontainers.image.revision:hash,maintainer
FROM alpine:3.20
# expect: label-invalid-hash ~ "is not a Git commit hash"
LABEL org.opencontainers.image.revision="v1.2.3"
# expect: label-invalid-hash
LABEL org.opencontainers.image.revision=1A2B3C4
# expect: label-invalid-hash
LABEL org.opencontainers.image.revision=1a2b3c4d
