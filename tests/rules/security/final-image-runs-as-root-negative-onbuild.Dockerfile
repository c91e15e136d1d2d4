# An image with ONBUILD triggers is a base for other images, which choose their own USER.
FROM node:22-alpine AS base
ONBUILD COPY . /app
FROM base
CMD ["node", "/app/server.js"]
