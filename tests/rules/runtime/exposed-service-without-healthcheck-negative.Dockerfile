# A HEALTHCHECK in the stage the produced image is built FROM applies to it.
FROM nginx:1.27-alpine AS web
HEALTHCHECK --interval=30s CMD wget -qO- http://127.0.0.1/ || exit 1
FROM web
EXPOSE 80
