# escape=`
FROM node:20
WORKDIR /app
COPY package.json ./
# A second unnamed stage FROM the same image shares the first one's record, although the stages
# are unrelated (copy-relative-destination reports this one).
FROM node:20
COPY . .
# A named stage starts with the record of the image or stage its FROM names.
FROM node:20 AS build
COPY . .
FROM build AS test
COPY . .
FROM registry.example.com/tools/node:20 AS tools
WORKDIR /src
FROM tools
COPY . .

FROM alpine:3.20
COPY a /abs/
COPY b "/quoted/"
ARG DEST=/opt
COPY c $DEST
COPY d C:\app
COPY e c:/app
# hadolint does not look inside ONBUILD.
ONBUILD COPY f relative/
