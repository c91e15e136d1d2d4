# Container ports only; an invalid protocol fails before the check; the EXPOSE inside ONBUILD
# runs in no stage of this file.
FROM nginx:1.27 AS base
EXPOSE 80 443/tcp 8000-8010/udp
EXPOSE 8080:80/http
ONBUILD EXPOSE 8080:80
ARG PORT=80
EXPOSE ${PORT}/tcp
