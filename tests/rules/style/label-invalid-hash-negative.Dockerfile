# test-options: label-invalid-hash.required-labels=org.opencontainers.image.revision:hash,maintainer
FROM alpine:3.20
LABEL org.opencontainers.image.revision=1a2b3c4
LABEL org.opencontainers.image.revision="1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
# Other labels and the trigger inside ONBUILD are not checked.
LABEL maintainer="not checked" org.example.other=whatever
ONBUILD LABEL org.opencontainers.image.revision=bad!value
# Only labels of this type are checked.
