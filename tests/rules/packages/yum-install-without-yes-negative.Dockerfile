# -y and --assumeyes anywhere, in clusters, after operands; other commands and wrappers; shells
# that are not sh.
FROM centos:7
ARG PACKAGE=httpd
RUN yum install -y httpd && yum clean all
RUN yum -y install httpd
RUN yum install --assumeyes httpd
RUN yum -qy install httpd
RUN yum install httpd -y
RUN yum groupinstall -y "Development Tools" && yum localinstall -y /tmp/app.rpm
RUN yum update -y && yum remove httpd && yum makecache
RUN echo yum install httpd && printf '%s\n' "yum install ${PACKAGE}"
RUN /usr/bin/yum install httpd
RUN sudo yum install httpd
RUN dnf install httpd && microdnf install httpd
# As in hadolint, the scripts of `sh -c` strings and of heredocs fed to a shell are not read.
RUN ["/bin/sh", "-c", "yum install httpd"]
RUN sh -c "yum install httpd"
RUN bash <<EOF
yum install httpd
EOF
ONBUILD RUN yum install -y httpd
RUN <<EOF
yum install --assumeyes httpd
EOF
# A comment that mentions yum install httpd
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN yum install httpd
