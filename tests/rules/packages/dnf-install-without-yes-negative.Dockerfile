# -y and --assumeyes anywhere, in clusters, after operands; other subcommands, names and
# wrappers; commands hadolint does not read; shells that are not sh.
FROM fedora:41
RUN dnf install -y httpd && dnf -y install php && microdnf install --assumeyes vim
RUN dnf -qy install httpd && dnf install httpd -y && microdnf -y --nodocs install vim
RUN dnf groupinstall -y "Development Tools" && dnf localinstall -y /tmp/app.rpm
RUN dnf upgrade && dnf remove httpd && dnf reinstall httpd && dnf makecache
RUN dnf5 install httpd && /usr/bin/dnf install httpd && sudo dnf install httpd
RUN echo dnf install httpd
RUN sh -c "dnf install httpd"
RUN ["/bin/sh", "-c", "dnf install httpd"]
ONBUILD RUN dnf install -y httpd
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN dnf install httpd
