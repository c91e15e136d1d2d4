# Every version operator apk accepts, and local .apk files.
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r1 bash~5.2 'python3>3.11' 'musl<2' ./pkgs/tool-1.0-r0.apk
RUN apk add --no-cache "git=${GIT_VERSION}" -t .deps gcc=13.2.1_git20240309-r0
# hadolint drops the word after --virtual/-t/--repository/-X, and after `-tvalue` too.
RUN apk add --no-cache --virtual .build-deps -t.deps gcc -X https://dl-cdn.alpinelinux.org/alpine/edge/testing
# Not `add`, not literally apk, or in a script hadolint does not read.
RUN apk update && apk del curl && apk upgrade && sudo apk add curl && /sbin/apk add curl
RUN echo apk add curl && sh -c "apk add curl"
RUN ash <<EOF
apk add curl
EOF
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apk add curl
