FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force
COPY . .
RUN npm run build
# expect: cleanup-in-later-layer@12 ~ "removing '/app/node_modules' cannot shrink the image: `npm ci` on line 4 already stored it in an earlier layer"
RUN rm -rf node_modules && \
    npm ci --omit=dev
# Files of `COPY . .`, after a continuation with a comment; a file copied by name.
# expect: cleanup-in-later-layer@12 ~ "removing '/app/tests' cannot shrink the image: `COPY` on line 5"
# expect: cleanup-in-later-layer@11 ~ "removing '/app/package-lock.json'"
RUN rm -rf tests \
# and the lock file
    && rm /app/package-lock.json
# apt lists filled by an earlier layer, `/*` removes the contents.
USER root
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
# expect: cleanup-in-later-layer@29 ~ "`apt-get update` on line 18"
run apt-get clean && rm -rf /var/lib/apt/lists/*
# A download.
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
# expect: cleanup-in-later-layer@8 ~ "`curl` on line 23"
RUN rm /tmp/tool.tgz
# Files copied from another stage.
COPY --from=node:20-alpine /usr/local/lib/node_modules/npm /opt/npm
# expect: cleanup-in-later-layer@12 ~ "`COPY` on line 27"
RUN rm -rf /opt/npm/docs
