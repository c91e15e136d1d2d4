# The update and an install or upgrade by the same package manager in one RUN.
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update -qq \
# the upgrade uses the index too
 && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN apt update && apt-get dist-upgrade -y && aptitude update && apt full-upgrade -y
RUN apt-get update && xargs apt-get install -y < /tmp/packages.txt
RUN apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata
RUN apt-get update && apt-get build-dep -y python3 && apt-get source hello
RUN sh -c "apt-get update && apt-get install -y jq"
RUN apt-get update && apt-get download hello && xx-apt-get update && xx-apt-get install -y gcc
# The index deleted again in the same RUN: nothing stale stays in the layer.
RUN apt-get install -y --no-install-recommends curl; apt-get update; apt-get dist-clean
RUN apt-get update && apt-get clean && rm -rf /var/lib/apt/lists/*
# A script dfopt cannot read may install from the index.
RUN apt-get update && /bin/bash /tmp/library-scripts/common-debian.sh && rm -rf /tmp/library-scripts
RUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN apt-get update && ./install-deps.sh
RUN <<EOF
apt-get update
apt-get install -y make
EOF
# Other subcommands, other tools, and `update` that is not a subcommand.
RUN apt-get install -y --no-install-recommends update-notifier-common && echo apt-get update
RUN apt-cache update; apt-get -o APT::Update::Pre-Invoke=true install -y curl
RUN pip install --upgrade pip && npm update && gem update --system
# yum, dnf and zypper `update` upgrade the installed packages: not an index refresh.
RUN yum update -y && dnf update -y && zypper update -y && microdnf update
FROM alpine:3.20
RUN apk update && apk add curl=8.9.1-r1 && apk update && apk upgrade
RUN apk add --update --no-cache curl=8.9.1-r1 && apk --update-cache add git=2.45.2-r0
RUN apk update && apk fetch curl && apk update && rm -rf /var/cache/apk/*
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apt-get update
