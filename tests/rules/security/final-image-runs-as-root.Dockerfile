# The build stage runs as an unprivileged user, but the produced image does not.
FROM node:22 AS build
USER node
RUN npm ci && npm run build

# expect: final-image-runs-as-root@6 ~ "no `USER` is set and 'node' runs as root by default; add `USER 1000:1000` (the image's 'node' user)"
FROM node:22-alpine
COPY --from=build /home/node/dist /app
CMD ["node", "/app/server.js"]
