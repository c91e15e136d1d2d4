# One tool per stage; package names, other names, `sh -c` strings, heredocs fed to a shell and
# non-POSIX shells do not count; a top-level RUN and an ONBUILD RUN are counted apart.
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl wget
RUN curl -fsSLO https://example.com/a && /usr/bin/wget -q https://example.com/b
RUN sh -c "wget -q https://example.com/c" && echo wget
RUN bash <<EOF
wget -q https://example.com/d
EOF
ONBUILD RUN wget -q https://example.com/e
FROM debian:12
RUN wget -q https://example.com/f
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN curl.exe -o a https://example.com/g; wget https://example.com/h -OutFile h
