FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --only=production && \
    npm cache clean --force
COPY . .
# expect: build-after-production-install@5 ~ "`npm run build` after a production-only install (line 4): devDependencies such as build tools are missing"
RUN npm run build

# NODE_ENV=production makes npm skip devDependencies; in the same RUN; lowercase.
FROM node:20-alpine AS web
ENV NODE_ENV=production
WORKDIR /web
COPY . .
# expect: build-after-production-install@20 ~ "`npm run build:prod` after a production-only install (line 16)"
run npm install && npm run build:prod

# `--omit=dev` after `;`, then `run-script`.
FROM node:20-alpine AS c
RUN npm ci --omit=dev; echo done
# expect: build-after-production-install@5 ~ "`npm run build`"
RUN npm run-script build
