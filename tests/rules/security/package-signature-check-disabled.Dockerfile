FROM alpine:3.20
# expect: package-signature-check-disabled@13 ~ "`apk --allow-untrusted` installs packages without verifying their signatures; import the repository's signing key instead"
RUN apk add --allow-untrusted /tmp/pkgs/tool.apk
# expect: package-signature-check-disabled@28
RUN apk update && sudo apk --allow-untrusted add jq
# A download installed without a check; a COPY in another stage does not count.
# expect: package-signature-check-disabled@54
RUN curl -fsSLO https://example.com/x.apk && apk add --allow-untrusted x.apk
COPY packages/ /tmp/packages/
FROM alpine:3.20
# expect: package-signature-check-disabled@13
RUN apk add --allow-untrusted /tmp/packages/tool.apk
FROM debian:12
# expect: package-signature-check-disabled@27 ~ "`apt-get --allow-unauthenticated`"
RUN apt-get install -y -q --allow-unauthenticated curl
# expect: package-signature-check-disabled@31 ~ "`apt-get --force-yes`"
RUN apt-get update && apt-get --force-yes install -y curl
# expect: package-signature-check-disabled@16 ~ "`apt --allow-insecure-repositories`"
RUN apt update --allow-insecure-repositories
# expect: package-signature-check-disabled@19 ~ "`apt-get -o APT::Get::AllowUnauthenticated=true`"
RUN apt-get -y -o APT::Get::AllowUnauthenticated=true install curl
# expect: package-signature-check-disabled@10 ~ "APT source option `[trusted=yes]`"
RUN echo "deb [trusted=yes] http://repo.example.com/debian ./" > /etc/apt/sources.list.d/x.list
# expect: package-signature-check-disabled@26 ~ "APT source option `[trusted=yes]`"
RUN echo deb [arch=amd64 trusted=yes] https://repo.example.com/debian stable main >> /etc/apt/sources.list
FROM rockylinux:9
# expect: package-signature-check-disabled@20 ~ "`dnf --nogpgcheck`"
RUN dnf install -y --nogpgcheck https://example.com/tool.rpm
# A continuation with a comment line inside.
RUN yum -y update \
# no key for this one
# expect: package-signature-check-disabled@12 ~ "`yum --nogpgcheck`"
 && yum -y --nogpgcheck install tool
# expect: package-signature-check-disabled@22 ~ "`microdnf --setopt=gpgcheck=0`"
RUN microdnf install --setopt=gpgcheck=0 tool
# expect: package-signature-check-disabled@30 ~ "`tdnf --setopt=epel.gpgcheck=false`"
RUN tdnf install -y --setopt epel.gpgcheck=false tool
# expect: package-signature-check-disabled@14 ~ "`rpm --nosignature`"
# expect: package-signature-check-disabled@28 ~ "`rpm --nodigest`"
RUN rpm -ivh --nosignature --nodigest /tmp/tool.rpm
# expect: package-signature-check-disabled@9 ~ "`rpm --noverify`"
# expect: package-signature-check-disabled@20 ~ "`rpm --nofiledigest`"
run rpm --noverify --nofiledigest -U /tmp/tool.rpm
FROM opensuse/leap:15.6
# expect: package-signature-check-disabled@12 ~ "`zypper --no-gpg-checks`"
RUN zypper --no-gpg-checks --non-interactive install tool
# expect: package-signature-check-disabled@24 ~ "`zypper addrepo -G`"
RUN zypper addrepo -f -G https://example.com/repo tool
# expect: package-signature-check-disabled@23 ~ "`zypper install --allow-unsigned-rpm`"
RUN zypper -n install --allow-unsigned-rpm /tmp/tool.rpm
FROM golang:1.23
# expect: package-signature-check-disabled@5 ~ "ENV `GOSUMDB=off` turns off Go's checksum database"
ENV GOSUMDB=off
# expect: package-signature-check-disabled@5 ~ "RUN `GOSUMDB=off`"
RUN GOSUMDB=off go mod download
FROM debian:12 AS base
# expect: package-signature-check-disabled@35 ~ "`apt-get --allow-unauthenticated`"
ONBUILD RUN apt-get install -y -q --allow-unauthenticated curl
