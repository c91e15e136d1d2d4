# One HEALTHCHECK per stage; the one inside ONBUILD is for child images.
FROM nginx:1.27 AS base
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
ONBUILD HEALTHCHECK NONE
FROM base
HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/health"]
