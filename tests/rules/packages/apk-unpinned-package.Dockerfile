FROM alpine:3.20
# expect: apk-unpinned-package@39 ~ "package 'curl' is not pinned; write 'curl=<version>'"
RUN apk add --no-cache bash=5.2.26-r0 curl
# After `;`, `||`, in a pipeline, a subshell and a substitution; `add` anywhere.
# expect: apk-unpinned-package ~ "package 'git'"
# expect: apk-unpinned-package ~ "package 'jq'"
# expect: apk-unpinned-package ~ "package 'make'"
# expect: apk-unpinned-package ~ "package 'tini'"
RUN true; apk add git || (apk --no-cache add jq) | cat && echo "$(apk add make)"; apk -U add tini
# The values of --virtual and --repository are not packages, the following words are.
# expect: apk-unpinned-package@46 ~ "package 'gcc'"
# expect: apk-unpinned-package@107 ~ "package 'edge-tool'"
RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0 && apk add --repository https://x/edge edge-tool
# A continuation with a comment line inside, and variables.
# expect: apk-unpinned-package@7 ~ "package 'openssl'"
# expect: apk-unpinned-package ~ "package '$EXTRA' is not pinned to a version"
RUN apk add --no-cache \
# TLS
      openssl \
      $EXTRA "py3-pip=${PIP_VERSION}"
# A heredoc, a lowercase instruction, ONBUILD and the exec form.
# expect: apk-unpinned-package ~ "package 'htop'"
RUN <<EOF
apk add --no-cache htop
EOF
# expect: apk-unpinned-package ~ "package 'less'"
run apk add less
# expect: apk-unpinned-package@32 ~ "package 'tree'"
ONBUILD RUN apk add --no-cache tree
# expect: apk-unpinned-package@20 ~ "package 'file'"
RUN ["apk", "add", "file"]
# An option that carries its value after `=` does not take the next word (hadolint 2.15).
# expect: apk-unpinned-package@46 ~ "package 'gcc'"
RUN apk add --no-cache --virtual=.build-deps gcc
