# check=experimental=InvalidDefinitionDescription
# VERSION is the version to embed
ARG VERSION=dev
# build compiles the sources
FROM golang:1.22 AS build
# base is the base image (the stage name is lower-cased before the comparison)
FROM alpine:3.20 AS Base
# LDFLAGS is passed to the linker; naming any of the arguments is enough
ARG CFLAGS LDFLAGS=-s
# TARGET
ARG TARGET
# a note about the next lines, ended by an empty comment line
#
FROM alpine:3.20 AS final
# Unnamed stages have no description, and other instructions are not described.
FROM alpine:3.20
COPY a /b
# ONBUILD's instruction is not checked.
ONBUILD ARG X
# A describes the first argument; comments inside a continuation are not descriptions.
ARG A=1 \
# not a description
  B=2
