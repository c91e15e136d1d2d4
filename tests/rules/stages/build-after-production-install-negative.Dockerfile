# A full install before the build, a full install after the production one, another stage, a
# conditional install, NODE_ENV with --include=dev, other scripts, ONBUILD, powershell.
FROM node:20-alpine AS a
RUN npm ci && npm run build
RUN npm ci --omit=dev
RUN npm ci
RUN npm run build

FROM node:20-alpine AS b
RUN npm ci --omit=dev
FROM node:20-alpine AS c
RUN npm run build
RUN [ -f x ] && npm ci --omit=dev
RUN npm run build
RUN npm ci --omit=dev && npm run start && npm test
ONBUILD RUN npm run build

FROM node:20-alpine AS d
ENV NODE_ENV=production
RUN npm ci --include=dev && npm run build

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN npm ci --omit=dev
RUN npm run build
