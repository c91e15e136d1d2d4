# A clean after the first install, a cache mount on /var/cache/zypp, no install, or commands
# hadolint does not read.
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
RUN zypper -n in curl; zypper cc -a
RUN zypper -n install curl && zypper --quiet clean --all && zypper -n install wget
RUN zypper cc && zypper -n in curl && zypper cc
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl
RUN --mount=type=tmpfs,target=/var/cache/zypp/packages zypper -n install curl
RUN zypper -n remove vim && zypper -n patch && zypper refresh
RUN echo zypper install curl && /usr/bin/zypper -n install curl
RUN sh -c "zypper -n install curl"
ONBUILD RUN zypper -n install curl && zypper clean
RUN <<EOF
zypper -n install curl
zypper clean --all
EOF
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN zypper -n install curl
