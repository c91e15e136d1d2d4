# ARGs before the first FROM are not checked by BuildKit; `public`, `file` and `version` parts
# clear a name; a token must be a whole `_`-separated part; no stage builds FROM `lib`.
ARG GITHUB_TOKEN
FROM alpine:3.20 AS lib
ENV PUBLIC_KEY=ssh-ed25519 GPG_KEY_VERSION=2
ARG KEY_FILE TOKENIZER_PATH MONKEY AUTHOR
ONBUILD ARG AUTH_TOKEN
ENV PASSWORDLESS=1
LABEL secret_token=abc
