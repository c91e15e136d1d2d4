FROM node:22-alpine
ARG NPM_TOKEN
ARG REGISTRY_PASSWORD=changeme
ARG GITHUB_TOKEN
ARG API_KEY
# expect: build-arg-credential-in-run@53 ~ "`//registry.npmjs.org/:_authToken` for `npm config set` comes from build argument 'NPM_TOKEN', which is kept in the image history; use `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN` instead"
RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci
# expect: build-arg-credential-in-run@27 ~ "password for `docker login` comes from build argument 'REGISTRY_PASSWORD'"
RUN docker login -u ci -p "${REGISTRY_PASSWORD}" registry.example.com
# expect: build-arg-credential-in-run@23 ~ "token in a URL comes from build argument 'GITHUB_TOKEN'"
RUN git clone https://${GITHUB_TOKEN}@github.com/org/private.git /src
# expect: build-arg-credential-in-run@13 ~ "`Authorization` header for `curl` comes from build argument 'API_KEY'"
RUN curl -H "Authorization: Bearer $API_KEY" https://api.example.com/v1/x
# In a continuation with a comment line inside.
RUN set -e \
# private index
# expect: build-arg-credential-in-run@47 ~ "password in a URL comes from build argument 'NPM_TOKEN'"
 && pip install --index-url https://__token__:$NPM_TOKEN@pypi.example.com/simple app
FROM node:22-alpine AS second
# An ARG imported from the global scope.
ARG GITHUB_TOKEN
# expect: build-arg-credential-in-run@13 ~ "password for `curl --user` comes from build argument 'GITHUB_TOKEN'"
RUN curl -u "ci:$GITHUB_TOKEN" https://example.com/archive.tar.gz -o /tmp/a.tgz
