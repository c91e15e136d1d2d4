FROM python:3.13 AS build
ARG GITHUB_TOKEN
FROM python:3.13-slim
# expect: secret-in-final-stage@5 ~ "`ENV` 'OPENAI_API_KEY' of the final stage looks like a secret; it ships with the image"
ENV OPENAI_API_KEY=sk-live-0123456789
# A known name behind a VITE_ or REACT_APP_ prefix.
# expect: secret-in-final-stage@5 ~ "`ARG` 'VITE_GH_TOKEN'"
ARG VITE_GH_TOKEN
# Trivy's token list adds `usr` and `psw` to BuildKit's.
# expect: secret-in-final-stage ~ "'DB_USR'"
# expect: secret-in-final-stage ~ "'db_psw'"
ENV DB_USR=admin db_psw=x
