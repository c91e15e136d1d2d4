# No pipe the shell sees: `||`, quoted bars, pipes inside `sh -c` strings and heredocs fed to a
# shell, exec form, ONBUILD.
FROM debian:12
RUN a || b && echo "a | b" 'c|d' c\|d
RUN sh -c "ls | sort" && bash -c 'ls | sort'
RUN bash <<EOF
ls | sort
EOF
RUN ["sh", "-c", "ls | sort"]
ONBUILD RUN ls | sort
# pipefail set through bash, zsh or ash, by base name, in any of the ways the flag can be spelled.
FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ls | sort
FROM debian:12
SHELL ["/usr/bin/bash", "-eo", "pipefail", "-c"]
RUN ls | sort
FROM debian:12
SHELL ["zsh", "-o", "errexit", "-o", "pipefail", "-c"]
RUN ls | sort
FROM alpine:3.20
SHELL ["/bin/ash", "-e", "-o", "pipefail", "-c"]
RUN ls | sort
# Non-POSIX shells.
FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04
SHELL ["pwsh", "-Command"]
RUN Get-ChildItem | Select-Object Name
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-ChildItem | Select-Object Name
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["cmd", "/S", "/C"]
RUN dir | findstr foo
