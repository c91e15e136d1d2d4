# Other subcommands, `upgrade` as an option or a package, and other package managers.
FROM debian:12
RUN apt-get update && apt-get install -y --only-upgrade openssl && apt-get dist-upgrade -y
RUN apt-get install -y upgrade-system && pip install --upgrade pip && apk upgrade
RUN echo apt-get upgrade && apt-cache policy upgrade && apt full-upgrade -y
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apt-get upgrade -y
