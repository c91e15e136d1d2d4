# test-options: label-invalid-spdx.required-labels=org.opencontainers.image.licenses:spdx,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.licenses=Apache-2.0
LABEL org.opencontainers.image.licenses="MIT"
LABEL org.opencontainers.image.licenses=GPL-2.0-or-later
LABEL org.opencontainers.image.licenses=GPL-2.0
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.licenses=bad!value
# Only labels of this type are checked.
