# Version relations, .rpm files, variables after `=`; commands that install nothing; commands
# hadolint does not read.
FROM opensuse/leap:15.6
ARG CURL_VERSION=8.6.0
RUN zypper -n install curl=8.6.0 'wget>=1.21' 'vim<10' "git=${GIT_VERSION}" curl=$CURL_VERSION \
    /tmp/app.rpm && zypper clean
RUN zypper -n install --from=repo-oss --oldpackage "curl<=8.6.0" && zypper clean
RUN zypper -n remove vim && zypper -n update && zypper -n dup
RUN echo zypper install curl && /usr/bin/zypper -n install curl && sudo zypper -n in curl
RUN sh -c "zypper -n install curl"
ONBUILD RUN zypper -n install curl=8.6.0
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN zypper -n install curl
