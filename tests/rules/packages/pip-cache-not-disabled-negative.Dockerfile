# `--no-cache-dir` given, wherever it is.
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 && pip install six==1.16.0 --no-cache-dir \
 && python -m pip --no-cache-dir install rich==13.7.1
# PIP_NO_CACHE_DIR set to a truthy value in the RUN text.
RUN PIP_NO_CACHE_DIR=1 pip install click==8.1.7
RUN export PIP_NO_CACHE_DIR=true && pip install click==8.1.7
RUN env PIP_NO_CACHE_DIR=YES pip install click==8.1.7
# A cache or tmpfs mount on pip's cache.
RUN --mount=type=cache,target=/root/.cache/pip pip install click==8.1.7
RUN --mount=type=tmpfs,target=/home/app/.cache/pip pip install click==8.1.7
# pipx and pipenv have no cache option; other commands are not `pip install`.
RUN pipx install black==24.4.2 && pipenv install && python -m pipx install ruff==0.5.0 \
 && python -m pipenv install && pip download flask==3.0.3 && pip freeze
RUN sudo pip install flask==3.0.3 && /usr/local/bin/pip install flask==3.0.3 && echo pip install
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "pip install flask==3.0.3"
RUN bash <<EOF
pip install flask==3.0.3
EOF
RUN ["/bin/sh", "-c", "pip install flask==3.0.3"]
# ENV in the stage, before the RUN, with any of hadolint's truthy spellings.
FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask==3.0.3
FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR On
RUN pip install flask==3.0.3
FROM python:3.12-slim
ENV LANG=C.UTF-8 PIP_NO_CACHE_DIR="yes"
RUN pip install flask==3.0.3
# Inherited from the stage named by FROM, even through another stage.
FROM base AS app
RUN pip install six==1.16.0
FROM app
RUN pip install six==1.16.0
# ONBUILD: a cache mount, or an earlier ONBUILD ENV.
ONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install six==1.16.0
ONBUILD ENV PIP_NO_CACHE_DIR=TRUE
ONBUILD RUN pip install six==1.16.0
# A python heredoc is not sh.
RUN <<EOF
#!/usr/bin/env python3
import subprocess
subprocess.run(["pip", "install", "flask"])
EOF
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN pip install flask==3.0.3
