# Clean-up in the same RUN, paths no earlier layer added, a builder stage the image does not
# ship, ONBUILD, a variable path, a powershell SHELL.
FROM node:20-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
RUN rm -rf node_modules src

FROM debian:12 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN rm -rf /var/lib/apt/lists/*
COPY config.json /etc/nginx/
RUN rm /etc/nginx/conf.d/default.conf
COPY . .
RUN rm -rf /tmp/build
ONBUILD RUN rm -rf /app
ARG DIR=/app
RUN rm -rf "$DIR"
COPY --from=build /app/dist /srv
RUN echo rm -rf /srv/maps

FROM base
RUN rm -rf /usr/share/doc
RUN apt-get update
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
COPY . C:/app
RUN rm -r C:/app/tests
