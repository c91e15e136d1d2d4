# The produced stage inherits USER from the stage it is built FROM; a later build stage that
# runs as root is not the produced image unless it is the target (the last stage is).
FROM node:22-alpine AS base
user 1000:1000

FROM base AS deps
COPY package.json /app/

FROM deps
COPY . /app
CMD ["node", "/app/server.js"]
