# Other paths, a non-recursive chown, an instruction in between, a branch, ONBUILD, a COPY that
# already sets --chown, exec form on another path, a powershell SHELL.
FROM alpine:3.20
WORKDIR /app
COPY . .
RUN chown -R app:app /data
COPY a.txt /app/a.txt
RUN chown app:app /app/a.txt
COPY b /b
ENV X=1
RUN chown -R app /b
COPY c /c
RUN [ -d /c ] && chown -R app /c || true
COPY d /d
RUN ["chown", "-R", "app", "/other"]
COPY e /e
ONBUILD RUN chown -R app /e
COPY f /f
RUN test -n "$X" || chmod -R 700 /f
FROM alpine:3.20
RUN chown -R app /d
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
COPY g C:/g
RUN chown -R app C:/g
