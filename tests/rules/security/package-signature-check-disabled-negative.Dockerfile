# Mentions are not options; `apk index` writes an index of local packages; rpm query and verify
# modes install nothing; local APT repositories may be trusted.
FROM alpine:3.20
RUN apk add curl | grep "--allow-untrusted" || echo "--allow-untrusted"
RUN apk index --allow-untrusted -o /tmp/pkgs/APKINDEX.tar.gz /tmp/pkgs/*.apk
FROM debian:12
RUN apt-get install -y curl && echo "apt-get --force-yes is deprecated"
RUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl
RUN echo "deb [ trusted=yes ] file:///tmp/pkgs ./" > /etc/apt/sources.list.d/temp.list
RUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com/debian stable main" > /etc/apt/sources.list.d/x.list
FROM rockylinux:9
RUN dnf install -y tool && dnf --setopt=gpgcheck=1 install -y other
RUN rpm -K --nosignature /tmp/tool.rpm && rpm -V --nofiledigest bash
RUN rpm --import https://example.com/RPM-GPG-KEY && rpm -qp --nosignature /tmp/tool.rpm
RUN yum install -y --setopt=install_weak_deps=False tool
ENV GOSUMDB=sum.golang.org GOPRIVATE=example.com
# Package files that never came from an unauthenticated download: checked with gpg or a
# checksum, copied in, or read from a bind mount of another stage.
FROM alpine:3.20 AS pkgs
RUN abuild -r
FROM alpine:3.20
RUN curl -fsSLO https://example.com/tool.apk && curl -fsSLO https://example.com/tool.apk.asc \
 && gpg --verify tool.apk.asc && apk add --allow-untrusted tool.apk
RUN curl -fsSLO https://example.com/other.apk
RUN echo "0123456789abcdef  other.apk" | sha256sum -c -
RUN apk add --allow-untrusted ./other.apk
COPY packages/ /tmp/packages/
RUN apk add --no-cache --allow-untrusted /tmp/packages/*.apk
RUN --mount=type=bind,from=pkgs,source=/home/builder/packages,target=/mnt/pkgs \
    apk add --allow-untrusted /mnt/pkgs/*.apk
FROM rockylinux:9
WORKDIR /opt
COPY tool.rpm .
RUN rpm -i --nosignature tool.rpm && dnf install -y --nogpgcheck /opt/tool.rpm
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apk add --allow-untrusted tool
