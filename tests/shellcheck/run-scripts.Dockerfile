# ShellCheck on RUN scripts: `dfopt check --shellcheck --select shellcheck` on this file must
# print run-scripts.Dockerfile.expected (tests/unit/cli_shellcheck_test.cpp).
FROM debian:12 AS build
ARG VERSION=1.0
ENV APP_HOME=/opt/app
# Declared variables are known to ShellCheck; a misspelt one is not.
RUN echo "$VERSION" && cd $APP_HOM \
    # a comment inside the continuation
    && tar -xf app-$VERSION.tar.gz
# hadolint ignore=SC2086
RUN echo $unquoted_but_ignored
run for f in $(ls /etc); do echo $f; done
# dfopt ignore=shellcheck
RUN echo $nothing_reported_here
RUN --mount=type=cache,target=/root/.cache echo "$RANDOM"
RUN <<EOF
set -e
echo $from_heredoc
EOF
RUN cat <<EOF > /etc/motd && echo $after_heredoc
Welcome to $APP_HOME, $USER_NAME
EOF
RUN ["sh", "-c", "echo $exec_form_is_not_checked"]
ONBUILD RUN echo $VERSION $APP_HOME

FROM build AS bash-stage
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN echo "$RANDOM" | tee /tmp/x && [[ -n $APP_HOME ]]

FROM mcr.microsoft.com/powershell:lts AS windows-shell
SHELL ["pwsh", "-Command"]
RUN Write-Host $env:NOT_CHECKED
