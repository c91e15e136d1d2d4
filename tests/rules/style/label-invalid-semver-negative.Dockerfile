# test-options: label-invalid-semver.required-labels=org.opencontainers.image.version:semver,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.version=1.2.0
LABEL org.opencontainers.image.version="1.0.0-alpha.1+build.5"
LABEL org.opencontainers.image.version=0.0.0-0a.x-y
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.version=bad!value
# Only labels of this type are checked.
