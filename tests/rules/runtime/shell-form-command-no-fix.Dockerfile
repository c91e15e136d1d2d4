# Shell syntax, a shell builtin, a comment inside the continuation and a SHELL instruction:
# reported, but the command cannot be rewritten as a JSON array.
FROM alpine:3.20 AS app
# expect: shell-form-command ~ "`CMD`"
CMD echo "hello $USER" && sleep infinity
# expect: shell-form-command ~ "`CMD`"
cmd cd /app
# expect: shell-form-command ~ "`ENTRYPOINT`"
ENTRYPOINT /app/server \
# the listen address
    --listen 0.0.0.0:8080
# expect: shell-form-command ~ "`CMD`"
CMD PORT=8080 /app/server

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
# hadolint ignores SHELL; the command is PowerShell, so no fix.
# expect: shell-form-command ~ "`CMD`"
CMD Start-Service w3svc
