# escape=`
FROM node:20 AS base
WORKDIR /app
COPY package.json ./
FROM base AS build
COPY . .
FROM node:20
COPY a /abs/
COPY b "/quoted/"
ARG DEST=/opt
COPY c $DEST
COPY d C:\app
COPY e c:/app
# hadolint does not look inside ONBUILD.
ONBUILD COPY f relative/
