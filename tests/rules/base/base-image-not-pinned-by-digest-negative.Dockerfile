# Digests, untagged images (untagged-base-image), scratch, stages and unknown values.
ARG BASE
FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d AS a
FROM alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d AS b
FROM debian AS c
FROM scratch AS d
FROM a AS e
FROM ${BASE}
