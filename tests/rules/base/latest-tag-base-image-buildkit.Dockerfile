# test-options: latest-tag-base-image.semantics=buildkit
ARG VERSION=latest
# expect: latest-tag-base-image@6 ~ "base image 'node:latest' uses the 'latest' tag"
FROM node:latest
# expect: latest-tag-base-image ~ "base image 'node:$VERSION' ('node:latest' with the ARG defaults) uses the 'latest' tag"
FROM node:$VERSION AS build
# expect: latest-tag-base-image
from docker.io/library/alpine:latest
# expect: latest-tag-base-image
FROM localhost:5000/app:latest
