# Each accepted flag, in clusters and anywhere on the line; other subcommands; commands hadolint
# does not read.
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper --non-interactive in wget
RUN zypper install -y curl && zypper remove --no-confirm vim
RUN zypper -qn patch && zypper si -y kernel-source
# As in hadolint, -n anywhere counts, although after `install` it means --name.
RUN zypper install -n curl
RUN zypper refresh && zypper update && zypper addrepo https://example.com/repo.repo example
RUN echo zypper install curl
RUN /usr/bin/zypper install curl && sudo zypper install curl
RUN sh -c "zypper install curl"
ONBUILD RUN zypper -n install curl
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN zypper install curl
