# expect: invalid-definition-description@1 ~ "comment for ARG 'VERSION' should start with its name: `# VERSION <description>`"
# the version to embed
ARG VERSION=dev
# expect: invalid-definition-description ~ "comment for stage 'build' should start with its name: `# build <description>`"
# compile the sources
FROM golang:1.22 AS build
# BuildKit compares with the stage name it stores, lower-cased.
# expect: invalid-definition-description ~ "comment for stage 'base'"
# Base is the base image
FROM alpine:3.20 AS Base
# expect: invalid-definition-description ~ "comment for ARG should start with the name of one of its arguments: `# <arg_key> <description>`"
# flags for the build
ARG CFLAGS LDFLAGS=-s
# The text before the first space is compared, so a tab does not separate.
# expect: invalid-definition-description
# TARGET	the target to build
ARG TARGET
# A blank line does not end the comment block: BuildKit's parser keeps the comment.
# expect: invalid-definition-description
# a note about the next stage

FROM alpine:3.20 AS final
