FROM alpine:3.20 AS base
WORKDIR /srv
WORKDIR app
FROM base
WORKDIR relative/to/srv
FROM alpine:3.20
ARG DIR=/abs
WORKDIR $DIR/x
FROM alpine:3.20
# The trigger inside ONBUILD runs in another build.
ONBUILD WORKDIR relative
WORKDIR "/quoted"
