# Unnamed stages, a stage built FROM another, and names that only look alike.
FROM node:22 AS build
FROM build AS build-2
FROM build
FROM build
FROM alpine:3.20 AS build_2
FROM alpine:3.20 AS \
  build.2
COPY --from=build /a /b
