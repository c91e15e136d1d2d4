ARG BASE
FROM python:3.13-slim AS base
RUN groupadd --gid 10001 app && useradd --uid 10001 --gid app app
USER app
# Accounts of the distribution and of the base image.
USER nobody
USER www-data:www-data
USER root
USER 10001:10001

# Created in the stage it is built FROM.
FROM base AS child
USER app

FROM node:22-alpine
USER node
RUN addgroup -S web && adduser -S -G web web
USER web
# A package install that adds an account of that name.
RUN apk add --no-cache nginx
USER nginx
# A script may create any account.
RUN ./create-users.sh
USER deploy

FROM postgres:16
USER postgres
FROM postgres:16-alpine
USER postgres

# Unknown base images may ship any account.
FROM mycompany/base:1.2
USER appuser
FROM ${BASE}
USER anyone
FROM debian:12 AS arg-user
ARG RUNTIME_USER
USER ${RUNTIME_USER}

FROM debian:12-slim
COPY passwd /etc/passwd
USER svc
FROM debian:12-slim
COPY rootfs/ /
USER svc2
FROM debian:12-slim
RUN echo 'svc3:x:10003:10003::/nonexistent:/usr/sbin/nologin' >> /etc/passwd
USER svc3

FROM scratch
COPY --from=base /etc/passwd /etc/passwd
USER app
FROM alpine:3.20
ONBUILD USER later
ONBUILD RUN adduser -D triggered

# Accounts whose name comes from a variable, or created by a local package's scripts.
FROM ubuntu:22.04
ARG USER=ollama
RUN groupadd $USER && useradd -m -g $USER $USER
USER ollama
RUN wget -O agent.deb https://example.com/agent.deb && dpkg -i agent.deb
USER agent-user
# Windows images are a variant the knowledge base does not describe.
FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022
USER ContainerAdministrator
