# The fix copies the manifests the install reads, runs the install, then copies the rest: one
# stage per package-manager family.
FROM node:20-alpine AS npm
WORKDIR /app
COPY --chown=node:node --link . .
# expect: install-after-context-copy ~ "the npm manifests"
RUN npm ci --omit=dev && npm cache clean --force
RUN npm run build

FROM node:20-alpine AS yarn
WORKDIR /app
COPY . ./
# expect: install-after-context-copy ~ "the yarn manifests"
RUN yarn install --frozen-lockfile
RUN yarn build

FROM node:20-alpine AS pnpm
WORKDIR /srv/app
COPY . /srv/app
# expect: install-after-context-copy ~ "the pnpm manifests"
RUN npm install -g pnpm && pnpm install --frozen-lockfile

FROM python:3.12-slim AS pip
WORKDIR /app
COPY . .
# Comment lines stay where they are.
# expect: install-after-context-copy ~ "the pip manifests"
RUN pip install --no-cache-dir -U pip && \
    pip install --no-cache-dir -r requirements.txt -c constraints.txt
CMD ["python", "app.py"]

FROM python:3.12-slim AS pipenv
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the pipenv manifests"
RUN pipenv install --system --deploy

FROM python:3.12-slim AS poetry
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the poetry manifests"
RUN poetry install --no-root --only main

FROM ruby:3.3 AS bundle
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the bundle manifests"
RUN bundle install --jobs 4

FROM composer:2 AS composer
WORKDIR /app
COPY . .
# expect: install-after-context-copy ~ "the composer manifests"
RUN composer install --no-dev --no-scripts --no-autoloader

FROM golang:1.22 AS go
WORKDIR /src
COPY . .
# expect: install-after-context-copy ~ "the go manifests"
RUN go mod download
RUN go build -o /out/app .

FROM maven:3.9-eclipse-temurin-21 AS mvn
WORKDIR /build
COPY . .
# expect: install-after-context-copy ~ "the mvn manifests"
RUN mvn -B dependency:go-offline

FROM gradle:8-jdk21 AS gradle
WORKDIR /home/gradle/project
COPY . .
# expect: install-after-context-copy ~ "the gradle manifests"
RUN gradle dependencies --no-daemon
