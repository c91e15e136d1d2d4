# HEALTHCHECK NONE is a deliberate choice; a parent stage's HEALTHCHECK is inherited.
FROM nginx:1.27 AS base
HEALTHCHECK NONE
FROM base
CMD ["nginx", "-g", "daemon off;"]
