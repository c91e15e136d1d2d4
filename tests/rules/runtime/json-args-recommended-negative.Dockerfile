# A SHELL makes the shell form deliberate, in its stage and in stages built FROM it.
FROM mcr.microsoft.com/powershell:lts-alpine-3.20 AS ps
SHELL ["pwsh", "-Command"]
CMD Write-Output "hello"
FROM ps AS child
entrypoint Start-Process app

# No reachable stage builds FROM lib, so its ONBUILD trigger only runs in other builds.
FROM alpine:3.20 AS lib
ONBUILD CMD /app/start
ONBUILD ENTRYPOINT /app/entry
FROM lib AS unused
RUN true

# A trigger after an ONBUILD SHELL runs under that shell.
FROM alpine:3.20 AS withshell
ONBUILD SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
ONBUILD CMD /app/start
FROM withshell AS withshell-child
RUN true

# BuildKit does not check HEALTHCHECK, RUN or exec forms.
FROM withshell-child
HEALTHCHECK CMD wget -q --spider http://localhost/
RUN echo hello
CMD ["echo", "json"]
ENTRYPOINT [ "/sbin/tini", "--" ]
# Rejected JSON is a syntax error, not the shell form: BuildKit fails before its checks.
# expect: syntax-error
CMD ["/app", 1]
