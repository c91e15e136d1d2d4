# BuildKit abandons the check when a global ARG default cannot be expanded.
ARG REQUIRED=${UNSET:?must be set}
ARG TAG
FROM alpine:$TAG
