FROM node:20-alpine
WORKDIR /app
COPY package.json ./
RUN npm ci
# expect: copy-context-without-dockerignore@6 ~ "`COPY .` copies the whole build context and there is no .dockerignore beside the Dockerfile: `.git`, `node_modules` and build output go into the image"
COPY . .
# Only the first one is reported.
ADD . /srv
