# test-options: label-empty.required-labels=maintainer
FROM alpine:3.20
ARG WHO
# Not expanded, so not empty.
LABEL maintainer="$WHO"
# Not in the schema.
LABEL description=""
ONBUILD LABEL maintainer=""
