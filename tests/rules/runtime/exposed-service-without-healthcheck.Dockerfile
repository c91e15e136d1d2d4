FROM node:22-alpine AS base
HEALTHCHECK NONE
FROM node:22-alpine AS build
RUN npm ci
FROM node:22-alpine
EXPOSE 9229
COPY --from=build /app /app
# The last EXPOSE of the produced image is reported.
# expect: exposed-service-without-healthcheck@1 ~ "the final image exposes ports '3000, 3001/udp' but has no `HEALTHCHECK`"
expose 3000 \
    3001/udp
ONBUILD HEALTHCHECK CMD wget -qO- http://127.0.0.1:3000/ || exit 1
CMD ["node", "/app/server.js"]
