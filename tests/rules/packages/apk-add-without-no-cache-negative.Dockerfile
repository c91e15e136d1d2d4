FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r1 && apk --no-cache add git=2.45.2-r0
RUN apk add jq=1.7.1-r0 --no-cache && apk --no-cache --update add make=4.4.1-r2
# A cache or tmpfs mount on the apk cache keeps the index out of the layer.
RUN --mount=type=cache,target=/var/cache/apk apk update && apk add bash=5.2.26-r0
RUN --mount=type=tmpfs,target=/var/cache/apk/ apk add htop=3.3.0-r0
# Not `add`, not literally apk, or in a script hadolint does not read.
RUN apk update && apk upgrade && apk del curl && sudo apk add curl && /sbin/apk add curl
RUN sh -c "apk add curl"
RUN ash <<EOF
apk add curl
EOF
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apk add curl
