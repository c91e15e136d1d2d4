FROM node:22 AS build
# expect: tls-verification-disabled@15 ~ "`curl -k` disables TLS certificate verification; install the CA certificate instead"
RUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz
# expect: tls-verification-disabled@20 ~ "`curl --insecure`"
RUN set -e && curl --insecure -o /tmp/a https://example.com/a
# expect: tls-verification-disabled@15 ~ "`wget --no-check-certificate`"
RUN sudo wget --no-check-certificate -q https://example.com/b
# expect: tls-verification-disabled@16 ~ "`wget -e check_certificate=off`"
RUN wget -q -e check_certificate=off https://example.com/c
# expect: tls-verification-disabled@28 ~ "`pip --trusted-host` disables TLS certificate verification for 'pypi.org'"
RUN python3 -m pip install --trusted-host pypi.org requests
# expect: tls-verification-disabled@28 ~ "`pip config set global.trusted-host`"
RUN pip3 config --user set global.trusted-host=pypi.org
# expect: tls-verification-disabled@20 ~ "`npm config set strict-ssl false`"
RUN npm config set strict-ssl false && npm ci
# expect: tls-verification-disabled@13 ~ "`npm set strict-ssl false`"
RUN npm set strict-ssl=false -g
# expect: tls-verification-disabled@30 ~ "`yarn config set strict-ssl false`"
RUN yarn config set --global strict-ssl false
# expect: tls-verification-disabled@12 ~ "`npm --strict-ssl=false`"
RUN npm ci --strict-ssl=false
# expect: tls-verification-disabled@12 ~ "`git -c http.sslVerify=false`"
RUN git -c http.sslVerify=false clone https://example.com/repo.git
# expect: tls-verification-disabled@25 ~ "`git config http.https://example.com/.sslverify 0`"
RUN git config --global http.https://example.com/.sslverify 0
# expect: tls-verification-disabled@5 ~ "RUN `GIT_SSL_NO_VERIFY=1` disables TLS certificate verification for git"
RUN GIT_SSL_NO_VERIFY=1 git clone https://example.com/repo.git
# expect: tls-verification-disabled@12 ~ "RUN `NODE_TLS_REJECT_UNAUTHORIZED=0` disables TLS certificate verification in Node.js"
RUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && node fetch.js
# expect: tls-verification-disabled@9 ~ "RUN `PIP_TRUSTED_HOST=pypi.org`"
RUN env PIP_TRUSTED_HOST=pypi.org pip install flask
# A continuation with a comment line inside.
RUN apk add --no-cache curl \
# the mirror has a self-signed certificate
# expect: tls-verification-disabled@24 ~ "`apk --no-check-certificate`"
 && apk add --no-cache --no-check-certificate jq
FROM rockylinux:9
# expect: tls-verification-disabled@20 ~ "`dnf --setopt=*.sslverify=false`"
RUN dnf install -y --setopt='*.sslverify=false' git
# expect: tls-verification-disabled@40 ~ "`yum-config-manager --setopt=epel.sslverify=0`"
RUN yum-config-manager --save --setopt epel.sslverify=0
FROM debian:12
# expect: tls-verification-disabled@16 ~ "`apt-get -o Acquire::https::Verify-Peer=false`"
RUN apt-get -o Acquire::https::Verify-Peer=false update
# ENV and ARG, with the values BuildKit expands.
# expect: tls-verification-disabled@5 ~ "ENV `NODE_TLS_REJECT_UNAUTHORIZED=0`"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
ARG VERIFY=0
# expect: tls-verification-disabled@5 ~ "ENV `PYTHONHTTPSVERIFY=0` disables TLS certificate verification in Python"
ENV PYTHONHTTPSVERIFY=${VERIFY}
# expect: tls-verification-disabled@5 ~ "ARG `npm_config_strict_ssl=false`"
ARG npm_config_strict_ssl=false
# expect: tls-verification-disabled@5 ~ "ENV `GIT_SSL_NO_VERIFY=true`"
ENV GIT_SSL_NO_VERIFY true
# expect: tls-verification-disabled@5 ~ "ENV `PIP_TRUSTED_HOST=pypi.org files.pythonhosted.org`"
env PIP_TRUSTED_HOST="pypi.org files.pythonhosted.org"
# In a `sh -c` string and in a RUN heredoc.
# expect: tls-verification-disabled@18 ~ "`curl -k`"
RUN sh -c "curl -k https://example.com/d"
# expect: tls-verification-disabled@6 ~ "`curl --insecure`"
RUN <<EOF
set -e
curl --insecure https://example.com/e
EOF
FROM debian:12 AS base
# expect: tls-verification-disabled@20 ~ "`curl -k`"
ONBUILD RUN curl -sk https://example.com/f
# expect: tls-verification-disabled@13 ~ "ENV `NODE_TLS_REJECT_UNAUTHORIZED=0`"
ONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0
