# Secrets of earlier stages are thrown away; credential-file variables need a copied file (not
# checked here); `public` clears a name; the list is case-sensitive; ONBUILD is not checked.
FROM python:3.13 AS build
ENV GITHUB_TOKEN=x
FROM python:3.13-slim
ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json AWS_CONFIG_FILE=/aws/config
ENV PUBLIC_KEY=ssh-ed25519 azure_client_id=abc
ONBUILD ENV GITHUB_TOKEN=x
ARG KEYBOARD=us
