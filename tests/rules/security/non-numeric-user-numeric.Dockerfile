# The numeric form is suggested when the file or the base image defines the account.
FROM alpine:3.20 AS runtime
RUN addgroup -g 1000 appuser && \
    # a comment inside the continuation
    adduser -D -u 1000 -G appuser appuser
# expect: non-numeric-user@6 ~ "use `USER 1000:1000`"
USER appuser

FROM runtime AS child
RUN groupadd --gid 2000 staff; useradd --uid 2001 -g staff worker
# expect: non-numeric-user@6 ~ "use `USER 2001:2000`"
USER worker
# expect: non-numeric-user@6 ~ "use `USER 1000:2000`"
USER appuser:staff

FROM node:22-alpine
# expect: non-numeric-user@6 ~ "use `USER 1000:1000`"
USER node

FROM gcr.io/distroless/static-debian12
# expect: non-numeric-user@6 ~ "use `USER 65532:65532`"
USER nonroot:nonroot

FROM debian:12-slim
RUN useradd app
# expect: non-numeric-user@6 ~ "instead of a numeric UID; hosts without the image's /etc/passwd cannot resolve it"
USER app
