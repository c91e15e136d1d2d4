# Versions as hadolint reads them; variables declared above; group installs; commands that
# install nothing; commands hadolint does not read.
FROM fedora:41
ARG GIT_VERSION=2.47.1-1.fc41
RUN dnf install -y tomcat-9.0.1 openssl-1:3.2.2 gcc-c++-14.2.1 rpm-sign-4.20.0 \
    /tmp/app-1.0.rpm && dnf clean all
RUN microdnf install -y "git-core-${GIT_VERSION}" && microdnf clean all
RUN dnf module install -y nodejs:20 && dnf group install -y "Development Tools"
ENV PHP_VERSION=8.3.14-1.fc41
RUN dnf install -y php-$PHP_VERSION && dnf clean all
RUN dnf upgrade -y && dnf remove -y httpd && dnf groupinstall -y development-tools
RUN echo dnf install httpd && dnf5 install -y httpd && sudo dnf install -y httpd
RUN sh -c "dnf install -y httpd"
ONBUILD RUN dnf install -y httpd-2.4.62
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN dnf install -y httpd
