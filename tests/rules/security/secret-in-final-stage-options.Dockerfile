# test-options: secret-in-final-stage.extra-names=SENTRY_DSN, MAPBOX_ACCESS
FROM node:22-alpine
# expect: secret-in-final-stage ~ "'SENTRY_DSN'"
ENV SENTRY_DSN=https://key@sentry.example.com/1
# expect: secret-in-final-stage ~ "'REACT_APP_MAPBOX_ACCESS'"
ARG REACT_APP_MAPBOX_ACCESS
ENV MAPBOX_STYLE=streets
