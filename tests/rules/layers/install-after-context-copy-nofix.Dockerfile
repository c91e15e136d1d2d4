# Reported, but no fix: the result would not plainly do the same.
FROM node:20-alpine AS build-in-same-run
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci && npm run build

FROM node:20-alpine AS not-right-after
WORKDIR /app
COPY . .
ENV NODE_ENV=production
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci

FROM node:20-alpine AS other-destination
WORKDIR /app
COPY . /src/
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci

FROM node:20-alpine AS prefix
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci --prefix web

FROM python:3.12-slim AS pip-subdirectory
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the pip manifests"
RUN pip install -r requirements/prod.txt

FROM python:3.12-slim AS poetry-root
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the poetry manifests"
RUN poetry install

FROM composer:2 AS composer-scripts
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the composer manifests"
RUN composer install --no-dev

FROM rust:1.79 AS cargo
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the cargo manifests"
RUN cargo fetch

FROM maven:3.9-eclipse-temurin-21 AS wrapper
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the mvn manifests"
RUN ./mvnw dependency:go-offline

FROM node:20-alpine AS exclude
WORKDIR /app
COPY --exclude=*.md . .
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci

FROM node:20-alpine AS bind-mount
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the npm manifests"
RUN --mount=type=bind,source=.npmrc,target=/root/.npmrc npm ci
