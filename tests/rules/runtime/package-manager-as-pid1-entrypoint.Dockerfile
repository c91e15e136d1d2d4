FROM node:22-slim
# expect: package-manager-as-pid1@12 ~ "`pnpm run-script start:prod`"
ENTRYPOINT ["pnpm", "run-script", "start:prod"]
