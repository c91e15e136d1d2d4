# Base images the knowledge base does not know may ship curl; a later HEALTHCHECK NONE wins.
FROM node:22-slim AS slim
HEALTHCHECK CMD curl -f http://127.0.0.1/
HEALTHCHECK NONE
FROM example/app:1.0
HEALTHCHECK CMD curl -f http://127.0.0.1/ || exit 1
