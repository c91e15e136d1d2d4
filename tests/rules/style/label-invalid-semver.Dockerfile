# test-options: label-invalid-semver.required-labels=org.opencontainers.image.version:semver,maintainer
FROM alpine:3.20
# expect: label-invalid-semver ~ "is not a semantic version"
LABEL org.opencontainers.image.version="v1.2.0"
# expect: label-invalid-semver
LABEL org.opencontainers.image.version=1.2
# expect: label-invalid-semver
LABEL org.opencontainers.image.version=01.2.3
# expect: label-invalid-semver
LABEL org.opencontainers.image.version=1.2.3-rc.01
