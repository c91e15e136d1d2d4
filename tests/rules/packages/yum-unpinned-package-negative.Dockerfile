# Versions as hadolint reads them; variables declared above; commands that install nothing.
ARG GIT_VERSION=2.39.3-1.el7
FROM centos:7
RUN yum install -y tomcat-9.0.1 openssl-1:1.1.1k gcc-c++-4.8.5 which-2.20-7.el7 \
    rpm-sign-4.11.3 /tmp/app-1.0.rpm https://example.com/tool-2.0-1.x86_64.rpm \
    && yum clean all
RUN yum module install -y nodejs:18 postgresql:15/server && yum clean all
# Any ARG above (here one before FROM), or an ENV above in this stage.
ENV HTTPD_VERSION=2.4.6-99.el7
RUN yum install -y "git-core-${GIT_VERSION}" httpd-$HTTPD_VERSION && yum clean all
RUN yum update -y && yum remove -y httpd && yum groupinstall -y "Development Tools"
RUN echo yum install httpd && /usr/bin/yum install -y httpd && sudo yum install -y httpd
RUN sh -c "yum install -y httpd"
ONBUILD RUN yum install -y httpd-2.4.6 && yum clean all
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN yum install -y httpd
