# test-options: label-invalid-email.required-labels=org.opencontainers.image.authors:email,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.authors=jane@example.com
LABEL org.opencontainers.image.authors="first.last+tag@sub.example.org"
LABEL org.opencontainers.image.authors="\"jane doe\"@example.com"
LABEL org.opencontainers.image.authors=root@[192.168.0.1]
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.authors=bad!value
# Only labels of this type are checked.
