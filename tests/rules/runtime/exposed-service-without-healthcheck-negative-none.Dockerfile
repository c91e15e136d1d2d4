# A build stage that exposes a port is not the produced image; HEALTHCHECK NONE is a choice.
FROM node:22-alpine AS dev
EXPOSE 3000
FROM node:22-alpine
EXPOSE 8080
HEALTHCHECK NONE
