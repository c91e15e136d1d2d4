# `pip install` without `--no-cache-dir`; the fix adds it right after the `install` word.
FROM python:3.12-slim
# expect: pip-cache-not-disabled@5 ~ "`pip install` leaves its cache in the image; add `--no-cache-dir`"
RUN pip install flask==3.0.3
# pip3, pip3.12 and `python -m pip`, after `;`, `||`, in a pipeline, a subshell and `$(...)`.
# expect: pip-cache-not-disabled@11 ~ "`pip install`"
# expect: pip-cache-not-disabled ~ "`pip install`"
# expect: pip-cache-not-disabled ~ "`pip install`"
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN true; pip3 install -q requests==2.32.3 || echo failed; yes | pip3.12 install httpx==0.27.0 \
 && (python -m pip install --upgrade pip==24.2) && echo "$(python3 -m pip install rich==13.7.1)"
# `install` may be any argument; a quoted `install`; a continuation with a comment inside.
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN pip --disable-pip-version-check install attrs==23.2.0
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN pip "install" six==1.16.0
# expect: pip-cache-not-disabled@5 ~ "`pip install`"
RUN pip \
# the web framework
    install \
      flask==3.0.3
# Falsy, quoted-away or variable values of PIP_NO_CACHE_DIR do not count.
ENV PIP_NO_CACHE_DIR=0
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN pip install click==8.1.7
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN PIP_NO_CACHE_DIR=off pip install click==8.1.7
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN PIP_NO_CACHE_DIR="1" pip install click==8.1.7
ARG NO_CACHE=1
ENV PIP_NO_CACHE_DIR=$NO_CACHE
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN pip install click==8.1.7
# An ARG is not an ENV; a cache mount elsewhere than pip's cache does not count.
FROM python:3.12-slim
ARG PIP_NO_CACHE_DIR=1
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN --mount=type=cache,target=/root/.cache/uv pip install click==8.1.7
# A stage does not inherit from an earlier stage it is not built from.
FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
FROM python:3.12-slim
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN pip install six==1.16.0
# A heredoc, a lowercase instruction, ONBUILD (a top-level ENV does not count for it) and the
# exec form.
ENV PIP_NO_CACHE_DIR=1
# expect: pip-cache-not-disabled ~ "`pip install`"
ONBUILD RUN pip install six==1.16.0
FROM python:3.12-slim
# expect: pip-cache-not-disabled ~ "`pip install`"
RUN <<EOF
set -e
pip install pyyaml==6.0.1
EOF
# expect: pip-cache-not-disabled ~ "`pip install`"
run pip install toml==0.10.2
# expect: pip-cache-not-disabled@6 ~ "`pip install`"
# expect-fix: , "--no-cache-dir"
RUN ["pip", "install", "redis==5.0.7"]
