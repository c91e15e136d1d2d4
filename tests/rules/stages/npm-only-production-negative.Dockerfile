# `--omit=dev`, `--only=dev`, `--production=false`, other subcommands, echo, exec form without
# the option, a powershell SHELL.
FROM node:20-alpine
RUN npm ci --omit=dev
RUN npm install --only=dev && npm install --production=false
RUN npm prune --production && npm ls --production
RUN echo npm ci --only=production
RUN ["npm", "ci"]
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN npm ci --only=production
