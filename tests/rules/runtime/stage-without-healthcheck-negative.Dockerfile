# A HEALTHCHECK (NONE included) in the stage, or inherited from a stage it builds FROM, even
# through a chain of stages.
FROM nginx:1.27 AS base
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
FROM base AS app
COPY site /usr/share/nginx/html
FROM app AS final
COPY extra /usr/share/nginx/html/extra
FROM alpine:3.20 AS tools
HEALTHCHECK NONE
