FROM node:22-slim
COPY . /app
# expect: healthcheck-tool-missing@17 ~ "the `HEALTHCHECK` runs `curl`, but 'node:22-slim' does not ship it and nothing installs it"
HEALTHCHECK CMD curl -f http://127.0.0.1:3000/health || exit 1
CMD ["node", "/app/server.js"]
