# A clean after the first install, in any of the forms hadolint accepts; no install; commands
# hadolint does not read.
FROM centos:7
RUN yum install -y httpd && yum clean all
RUN yum install -y httpd; yum clean all
RUN yum install -y httpd && yum clean packages
RUN yum install -y httpd && rm -rf /var/cache/yum/*
# As in hadolint, any `rm -rf` counts as a clean.
RUN yum install -y httpd && rm -rf /tmp/build
RUN yum install -y httpd && \
    # clean up
    yum clean all
# A clean after the first install is enough, also with another clean before it.
RUN yum install -y httpd && yum clean all && yum install -y php
RUN yum clean all && yum install -y httpd && yum clean all
RUN yum update -y && yum makecache && yum groupinstall -y "Development Tools"
RUN echo yum install httpd
RUN /usr/bin/yum install -y httpd
RUN sudo yum install -y httpd
RUN sh -c "yum install -y httpd"
ONBUILD RUN yum install -y httpd && yum clean all
RUN <<EOF
yum install -y httpd
yum clean all
EOF
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN yum install -y httpd
