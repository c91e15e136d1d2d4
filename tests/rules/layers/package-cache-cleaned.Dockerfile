FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# expect: package-cache-cleaned@5 ~ "`npm cache clean` throws the cache away; a `RUN --mount=type=cache` keeps it out of the image and reuses it in later builds"
RUN npm ci --omit=dev && \
    npm cache clean --force
# expect: package-cache-cleaned@37 ~ "`yarn cache clean`"
RUN yarn install --frozen-lockfile; yarn cache clean
# expect: package-cache-cleaned@31 ~ "`pip cache purge`"
run pip install -r req.txt && pip cache purge
# expect: package-cache-cleaned@12 ~ "`composer clear-cache`"
RUN sh -c 'composer clear-cache'
# expect: package-cache-cleaned@5 ~ "`pnpm store prune`"
RUN pnpm store prune
