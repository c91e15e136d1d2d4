FROM node:20-alpine
WORKDIR /app
COPY . .
# expect: install-after-context-copy@5 ~ "this install runs again whenever any file of the build context changes (`COPY .` on line 3); copy only the npm manifests before it and the rest after"
RUN npm ci
# Only the first install of a tool is reported.
RUN npm install
# pip -r after `&&`, in sh -c, lowercase.
# expect: install-after-context-copy@27 ~ "the pip manifests"
run pip install -U pip && pip install --no-cache-dir -r requirements.txt
# expect: install-after-context-copy@12 ~ "the go manifests"
RUN sh -c "go mod download"

FROM ruby:3.3
ADD . /srv/
# expect: install-after-context-copy@5 ~ "`COPY .` on line 15); copy only the bundle manifests"
RUN bundle install --jobs 4
# expect: install-after-context-copy@5 ~ "the yarn manifests"
RUN yarn
