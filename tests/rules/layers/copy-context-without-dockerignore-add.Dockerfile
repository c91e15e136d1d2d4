# ADD, lowercase, `./` and a build argument that expands to `.`.
FROM alpine:3.20
ARG SRC=./
# expect: copy-context-without-dockerignore@5 ~ "`ADD .` copies the whole build context"
add ${SRC} /app/
