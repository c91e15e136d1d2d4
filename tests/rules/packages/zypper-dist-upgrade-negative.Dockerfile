# Other upgrades, other tools, and commands hadolint does not read.
FROM opensuse/leap:15.6
RUN zypper -n update && zypper -n patch && zypper -n install curl
RUN echo zypper dup && dnf distro-sync -y && apt-get dist-upgrade -y
RUN /usr/bin/zypper -n dup && sudo zypper -n dup
RUN sh -c "zypper -n dup"
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN zypper -n dup
