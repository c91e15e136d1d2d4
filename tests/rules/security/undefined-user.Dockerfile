FROM python:3.13-slim
COPY . /app
RUN mkdir -p /app/data
# expect: undefined-user@6 ~ "user 'app' does not exist: 'python:3.13-slim' does not ship it and no earlier instruction creates it; add `RUN useradd --uid 10001 app` before it, or use a numeric ID"
USER app
# The group part is not checked; the user part is.
# expect: undefined-user ~ "user 'worker'"
USER worker:www-data

FROM node:22-alpine AS web
# A user created after the USER does not count.
# expect: undefined-user ~ "add `RUN adduser -D -u 10001 svc` before it"
USER svc
RUN adduser -D svc

FROM gcr.io/distroless/static-debian12:nonroot
# expect: undefined-user ~ "use `USER 65532:65532` (the image's `nonroot` account) or another numeric ID"
USER appuser

FROM scratch
COPY --from=web /usr/bin/node /node
# expect: undefined-user ~ "starts from `scratch`"
USER node
