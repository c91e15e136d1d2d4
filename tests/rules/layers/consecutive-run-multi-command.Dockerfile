# test-options: consecutive-run.multi-command=true
# With multi-command, a RUN right after a RUN is reported whatever the number of commands.
FROM alpine:3.20
RUN apk add --no-cache libgcc ca-certificates
# expect: consecutive-run@1 ~ "`RUN` right after the `RUN` on line 4 adds a layer"
RUN addgroup -g 1000 app && \
    adduser -D -u 1000 -G app app
WORKDIR /app
RUN npm run build
# expect: consecutive-run@1 ~ "the `RUN` on line 9"
RUN rm -rf node_modules && \
    npm ci --omit=dev
# Other instructions and other flags still break a series.
RUN --mount=type=cache,target=/root/.npm npm ci
RUN echo a; echo b
EXPOSE 3000
RUN a && b
