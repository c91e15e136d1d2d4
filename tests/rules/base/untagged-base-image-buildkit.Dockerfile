# test-options: untagged-base-image.semantics=buildkit
ARG BASE=ubuntu
# expect: untagged-base-image@6 ~ "base image 'ubuntu' has no tag or digest; it resolves to 'ubuntu:latest'"
FROM ubuntu
# ARG defaults are expanded.
# expect: untagged-base-image ~ "base image '$BASE' ('ubuntu' with the ARG defaults) has no tag or digest"
FROM $BASE AS b
# A registry port is not a tag.
# expect: untagged-base-image ~ "it resolves to 'localhost:5000/app:latest'"
FROM localhost:5000/app
# expect: untagged-base-image@32
from --platform=$BUILDPLATFORM ghcr.io/org/tool AS tool
# An undeclared variable is empty in every build: the default wins.
# expect: untagged-base-image ~ "('alpine' with the ARG defaults)"
FROM ${UNDECLARED:-alpine}
