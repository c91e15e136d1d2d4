# Secret mounts, values set inside the RUN, ENV (not build) variables, user names, and literal
# values (see hardcoded-credential-in-run).
FROM node:22-alpine
ARG NPM_TOKEN
ARG USER=ci
ENV API_HOST=api.example.com
RUN --mount=type=secret,id=npm,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"
RUN TOKEN="$(cat /run/secrets/token)" && curl -H "Authorization: Bearer $TOKEN" https://$API_HOST/x
RUN export NPM_TOKEN="$(cat /run/secrets/npm)" && npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"
RUN git clone https://${USER}@github.com/org/public.git /src
RUN curl -H "Authorization: Bearer $UNDECLARED_TOKEN" https://example.com/x
RUN echo "$NPM_TOKEN" | docker login -u ci --password-stdin registry.example.com
ONBUILD RUN curl -u "ci:$NPM_TOKEN" https://example.com
FROM mcr.microsoft.com/windows/servercore:ltsc2022
ARG NPM_TOKEN
SHELL ["powershell", "-Command"]
RUN npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN
