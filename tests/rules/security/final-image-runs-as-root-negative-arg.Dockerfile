# The USER comes from an ARG without a default: only the build knows it.
FROM alpine:3.20
ARG APP_UID
USER ${APP_UID}
