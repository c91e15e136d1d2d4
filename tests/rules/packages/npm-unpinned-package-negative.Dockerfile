# Versions and tags, scoped or not; git URLs with a commit; tarballs; folders.
FROM node:22-alpine
RUN npm install express@4.19.2 "sax@0.1.1" @myorg/privatepackage@">=0.1.0 <0.2.0" pm2@latest \
      git+ssh://git@github.com:npm/cli.git#v10.8.2 git+https://github.com/npm/cli#semver:^10.0 \
      git://github.com/npm/cli.git#v10.8.2 package-v1.2.3.tgz vendor/pkg.tar.gz dist/pkg.tar \
      /opt/pkg ./packages/local ../shared ~/lib "react@$REACT_VERSION"
# No package at all: what package.json and the lockfile say.
RUN npm install && npm install --progress=false --omit=dev && npm ci && npm install --global
RUN npm install --loglevel verbose --registry https://npm.example.com
# `--` ends npm's options; it is not a package.
RUN npm install -- express@4.19.2
# Not `npm install` as its first non-option argument, or not literally `npm`.
RUN npm run --crazy install && npm i express && npm add express && npm uninstall express
RUN sudo npm install -g pm2 && /usr/local/bin/npm install -g pm2 && npx install-peerdeps eslint
RUN yarn add express && pnpm add express && echo npm install express
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "npm install -g pm2"
RUN bash <<EOF
npm install -g pm2
EOF
RUN ["/bin/sh", "-c", "npm install -g pm2"]
# A comment inside a continuation is not a command.
RUN npm ci \
# npm install express
      --omit=dev
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN npm install -g pm2
