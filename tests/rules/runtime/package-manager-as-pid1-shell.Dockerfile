FROM node:22-alpine AS base
ENTRYPOINT ["docker-entrypoint.sh"]
FROM base
# expect: package-manager-as-pid1@5 ~ "`yarn run serve` runs as PID 1"
cmd exec /usr/local/bin/yarn \
    run serve --port 3000
