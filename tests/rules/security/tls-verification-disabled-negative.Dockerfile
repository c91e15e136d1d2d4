# Mentions are not settings; values that keep verification on; values of other options.
FROM node:22
RUN echo "curl -k is insecure" && grep -k pattern file || true
RUN curl -fsSL -o /tmp/k https://example.com/k && curl -K /etc/curlrc https://example.com
RUN curl -H "X-Flag: --insecure" https://example.com
RUN wget --check-certificate=on https://example.com && echo --no-check-certificate
RUN pip install requests && pip download --index-url https://pypi.org/simple flask
RUN npm config set strict-ssl true && npm config get strict-ssl && npm install strict-ssl false
RUN yarn set strict-ssl false
RUN git config --global http.sslVerify true && git config --global --unset http.sslVerify
RUN git -c http.sslVerify clone https://example.com/repo.git
RUN git log --grep http.sslVerify=false
RUN NODE_TLS_REJECT_UNAUTHORIZED=1 node app.js && PYTHONHTTPSVERIFY=1 python3 app.py
RUN NODE_TLS_REJECT_UNAUTHORIZED="0\"" node app.js
RUN ASDFGIT_SSL_NO_VERIFY=1 git clone https://example.com/repo.git
RUN unset GIT_SSL_NO_VERIFY
# A bare shell assignment does not reach other programs' environment.
RUN NODE_TLS_REJECT_UNAUTHORIZED=0; node app.js
# ARG without a value, and values that keep verification on.
ARG NODE_TLS_REJECT_UNAUTHORIZED
ARG PIP_TRUSTED_HOST=
ENV NPM_CONFIG_STRICT_SSL=true PYTHONHTTPSVERIFY=1 NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem
FROM rockylinux:9
RUN yum-config-manager --save --setopt=sslverify=1 --setopt=install_weak_deps=False
RUN dnf install -y git && echo "--setopt=sslverify=0"
# A PowerShell SHELL runs no sh commands.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN curl -k https://example.com
