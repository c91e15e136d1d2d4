# With a cache mount the clean-up is harmless; other subcommands; powershell.
FROM node:20-alpine
RUN --mount=type=cache,target=/root/.npm npm ci && npm cache clean --force
RUN npm cache verify && yarn cache list && pip cache dir
RUN echo npm cache clean
ONBUILD RUN pnpm store prune
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN npm cache clean --force
