# As in hadolint, the command name is the literal first word and `sh -c` strings are not read;
# `sudo` as an argument or a package name is not a command.
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y sudo && echo "sudo is installed"
RUN /usr/bin/sudo true
RUN sh -c "sudo true"
RUN ["sh", "-c", "sudo true"]
RUN grep -r sudo /etc/sudoers.d || true
RUN useradd -G sudo app
# A PowerShell SHELL runs no sh commands.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN sudo Get-Process
