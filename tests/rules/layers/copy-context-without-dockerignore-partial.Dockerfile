# An ignore file that leaves `.git` in the context.
FROM alpine:3.20
# expect: copy-context-without-dockerignore@6 ~ "`COPY .` copies the whole build context and copy-context-without-dockerignore-partial.Dockerfile.dockerignore does not exclude `.git`"
COPY . /app
