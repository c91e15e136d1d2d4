FROM node:22-alpine
# expect: shell-form-command@5 ~ "`CMD` in shell form runs under `/bin/sh -c`"
# expect-fix[unsafe]: ["node", "server.js"]
CMD node server.js
# A leading `exec` is dropped: the exec form already replaces the shell.
# expect: shell-form-command@12 ~ "`ENTRYPOINT` in shell form"
# expect-fix[unsafe]: ["/usr/local/bin/docker-entrypoint.sh", "--port", "3000"]
ENTRYPOINT exec /usr/local/bin/docker-entrypoint.sh --port 3000
# expect: shell-form-command@32 ~ "`HEALTHCHECK CMD` in shell form"
# expect-fix[unsafe]: ["wget", "-q", "--spider", "http://localhost:3000/health"]
HEALTHCHECK --interval=30s CMD wget -q --spider http://localhost:3000/health
