# test-options: label-empty.required-labels=maintainer,org.opencontainers.image.version:semver
FROM alpine:3.20
# expect: label-empty ~ "label 'maintainer' is empty"
LABEL maintainer=""
# expect: label-empty ~ "'org.opencontainers.image.version'"
LABEL org.opencontainers.image.version= other=x
