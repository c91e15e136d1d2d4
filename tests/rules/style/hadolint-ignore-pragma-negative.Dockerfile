# hadolint global ignore=DL3020
# hadolint shell=bash
FROM alpine:3.20
# dfopt ignore=add-instead-of-copy
ADD app /app
# hadolint stage ignore=DL3020
FROM alpine:3.20 AS second
# What hadolint's pragma parser rejects: lower-case codes, prose after the list, a trailing
# comma, another spelling of the tool, no code at all.
# hadolint ignore=dl3020
ADD app /app
# hadolint ignore=DL3020 because of the base image
ADD app /app
# hadolint ignore=DL3020,
ADD app /app
# Hadolint ignore=DL3020
ADD app /app
# hadolint ignore=
ADD app /app
# hadolintignore=DL3020
ADD app /app
RUN echo "# hadolint ignore=DL3020"
# hadolint skips comment lines inside a continued instruction.
RUN apk add \
# hadolint ignore=DL3018
    curl
