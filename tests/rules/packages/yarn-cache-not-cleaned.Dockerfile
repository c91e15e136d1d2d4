# `yarn install` with no `yarn cache clean` after it, in a stage whose files reach an image.
FROM node:22-alpine AS base
WORKDIR /app
COPY package.json yarn.lock ./
# A stage that a later FROM builds on.
# expect: yarn-cache-not-cleaned@5 ~ "`yarn install` leaves its cache in the image; run `yarn cache clean` after it in the same `RUN`"
RUN yarn install --frozen-lockfile
# ONBUILD runs in the image built from this one, whatever the stage.
# expect: yarn-cache-not-cleaned@13 ~ "`yarn install`"
ONBUILD RUN yarn install --production
FROM base AS test
RUN yarn install && yarn test
FROM base
# Cleaning before installing leaves the cache of the install.
# expect: yarn-cache-not-cleaned@25 ~ "`yarn cache clean` runs before `yarn install`, so the cache stays in the image"
RUN yarn cache clean && yarn install --production --frozen-lockfile
# After `&&` in a subshell, with options before `install`; the first `yarn install` is reported.
# expect: yarn-cache-not-cleaned@17 ~ "`yarn install`"
RUN (cd /app && yarn --silent install --production) && yarn --cwd /srv install
# A cache mount elsewhere than yarn's cache does not count.
# expect: yarn-cache-not-cleaned ~ "`yarn install`"
RUN --mount=type=cache,target=/root/.npm yarn install
# A continuation with a comment line inside, a heredoc, a lowercase instruction, the exec form.
# expect: yarn-cache-not-cleaned@5 ~ "`yarn install`"
RUN yarn \
# production dependencies only
    install --production
# expect: yarn-cache-not-cleaned ~ "`yarn install`"
RUN <<EOF
set -e
yarn install --production
EOF
# expect: yarn-cache-not-cleaned ~ "`yarn install`"
run yarn install
# expect: yarn-cache-not-cleaned@6 ~ "`yarn install`"
RUN ["yarn", "install", "--production"]
