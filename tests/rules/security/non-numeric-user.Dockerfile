FROM node:22-alpine
# expect: non-numeric-user@6 ~ "`USER node` names the user 'node' instead of a numeric UID"
USER node
# expect: non-numeric-user ~ "user 'nobody'"
USER nobody:65534
# A variable set by ENV, not ARG, does not exempt the USER (as in hadolint).
ENV APP_USER=1000
# expect: non-numeric-user ~ "'${APP_USER}'"
user ${APP_USER}
