# Alpine ships BusyBox wget; curl installed by a RUN of the chain is there.
FROM alpine:3.20 AS base
HEALTHCHECK CMD wget -qO- http://127.0.0.1/ || exit 1
RUN apk add --no-cache curl
FROM base
HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1
