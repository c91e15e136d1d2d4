# A stage that is only copied from never ships its cache.
FROM node:22-alpine AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn build
FROM node:22-alpine
WORKDIR /app
COPY --from=build /app/dist ./dist
# `yarn cache clean` after the install, wherever it is in the RUN.
RUN yarn install --production && yarn cache clean
RUN yarn install --production; yarn cache clean --force
RUN yarn install --production || exit 1 && (yarn cache clean)
# A cache or tmpfs mount on yarn's cache.
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --production
RUN --mount=type=tmpfs,target=/home/node/.cache/yarn yarn install --production
# Not `yarn install`: other subcommands, bare `yarn`, another command name.
RUN yarn add express@4.19.2 && yarn build && yarn && npm install
RUN sudo yarn install && /usr/local/bin/yarn install && echo yarn install
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "yarn install --production"
RUN bash <<EOF
yarn install --production
EOF
RUN ["/bin/sh", "-c", "yarn install --production"]
# ONBUILD with the clean, or with a cache mount.
ONBUILD RUN yarn install && yarn cache clean
ONBUILD RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
# A comment inside a continuation is not a command.
RUN yarn build \
# yarn install
      --production
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN yarn install
