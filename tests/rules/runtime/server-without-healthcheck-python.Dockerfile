FROM python:3.13-alpine
# expect: server-without-healthcheck ~ "`python -m http.server`"
ENTRYPOINT ["sh", "-c", "cd /srv && python3 -m http.server 8080"]
