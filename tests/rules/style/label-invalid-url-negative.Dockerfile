# test-options: label-invalid-url.required-labels=org.opencontainers.image.source:url,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
LABEL org.opencontainers.image.source=git+ssh://git@github.com/acme/app.git#main
LABEL org.opencontainers.image.source="mailto:jane@example.com"
LABEL org.opencontainers.image.source="http://[::1]:8080/a?b=c"
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.source=bad!value
# Only labels of this type are checked.
