FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# expect: npm-only-production@12 ~ "`--only=production` is deprecated since npm 7; use `--omit=dev`"
# expect-fix[unsafe]: --omit=dev
RUN npm ci --only=production && \
    npm cache clean --force
# `--production`, `--only prod` as two words (no fix), after `;` and in `sh -c`.
# expect: npm-only-production@29 ~ "`--production` is deprecated"
# expect-fix[unsafe]: --omit=dev
RUN echo start; npm install --production
# expect: npm-only-production@19 ~ "`--only=prod` is deprecated"
RUN sh -c "npm ci --only prod"
# ONBUILD and lowercase.
# expect: npm-only-production@22 ~ "`--only=production`"
# expect-fix[unsafe]: --omit=dev
ONBUILD run npm i -s --only=production
