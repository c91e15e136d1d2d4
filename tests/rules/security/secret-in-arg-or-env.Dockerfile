FROM node:22-alpine AS build
# expect: secret-in-arg-or-env@5 ~ "`ARG` 'NPM_TOKEN' looks like a secret; build arguments are stored in the image history: use `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN` instead"
ARG NPM_TOKEN
# expect: secret-in-arg-or-env@18 ~ "`ENV` 'db_password' looks like a secret; environment variables are stored in the image config: give it to the build with `RUN --mount=type=secret,id=db_password,env=db_password` and to the container when it starts"
ENV APP_NAME=web db_password=changeme
# ENV keys are expanded, as BuildKit does.
ARG PREFIX=GITHUB
# expect: secret-in-arg-or-env@5 ~ "`ENV` 'GITHUB_AUTH'"
ENV ${PREFIX}_AUTH=x
# expect: secret-in-arg-or-env ~ "`ARG` 'credentials'"
# expect: secret-in-arg-or-env ~ "`ARG` 'Api_Key'"
arg credentials Api_Key=1
# The legacy `ENV key value` form.
# expect: secret-in-arg-or-env ~ "'AWS_SECRET_ACCESS_KEY'"
ENV AWS_SECRET_ACCESS_KEY abc
