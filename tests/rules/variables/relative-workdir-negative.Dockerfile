# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win
WORKDIR C:\app
WORKDIR c:/tools
FROM alpine:3.20
ARG HOME_DIR=/home/app
WORKDIR $HOME_DIR/src
WORKDIR ${HOME_DIR}
WORKDIR "/quoted path"
WORKDIR '/single'
# hadolint does not look inside ONBUILD.
ONBUILD WORKDIR relative
