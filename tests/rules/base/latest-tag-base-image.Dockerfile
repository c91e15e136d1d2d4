# expect: latest-tag-base-image@6 ~ "base image 'node:latest' uses the 'latest' tag"
FROM node:latest
# expect: latest-tag-base-image ~ "base image 'docker.io/library/alpine:latest' uses the 'latest' tag"
from docker.io/library/alpine:latest AS a
# expect: latest-tag-base-image
FROM --platform=$BUILDPLATFORM registry.example.com:5000/app:latest
