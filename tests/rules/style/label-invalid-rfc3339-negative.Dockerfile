# test-options: label-invalid-rfc3339.required-labels=org.opencontainers.image.created:rfc3339,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T12:00:00Z"
LABEL org.opencontainers.image.created=2024-02-29T23:59:60.123+05:30
LABEL org.opencontainers.image.created=1999-12-31t00:00:00z
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.created=bad!value
# Only labels of this type are checked.
