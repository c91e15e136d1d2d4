# escape=`
# Global ARGs with or without a default, predefined args, escaped dollars and literal names.
ARG BASE
ARG TAG=3.20
FROM ${BASE:-alpine}:${TAG} AS a
FROM --platform=$BUILDPLATFORM alpine:$TAG-$TARGETARCH
FROM alpine:3.20
ARG LATER=1
RUN echo $LATER $UNDEFINED_IN_RUN
FROM a
ONBUILD RUN echo $NOT_FROM
