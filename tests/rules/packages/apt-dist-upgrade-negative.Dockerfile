# A plain upgrade, the word as an argument, and other package managers.
FROM debian:12
RUN apt-get update && apt-get upgrade -y && echo apt-get dist-upgrade
RUN apt-get install -y dist-upgrade-helper && zypper dist-upgrade -y && dnf distro-sync -y
RUN apt-get update && printf 'dist-upgrade\n' && apt-cache show dist-upgrade
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apt-get dist-upgrade -y
