# A clean of the same tool after the first install, the rm forms hadolint accepts, cache mounts
# on libdnf5's cache, no install; commands hadolint does not read.
FROM fedora:41
RUN dnf install -y httpd && dnf clean all
RUN microdnf install -y httpd; microdnf clean all
RUN dnf install -y httpd && dnf clean packages
RUN dnf install -y httpd && rm -rf /var/cache/libdnf5*
# As in hadolint, any `rm -rf` counts as a clean.
RUN dnf install -y httpd && rm -rf /var/cache/dnf
RUN dnf install -y httpd && dnf clean all && dnf install -y php
RUN dnf clean all && dnf upgrade -y && rm -rf /var/cache/libdnf5*
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd
RUN --mount=type=tmpfs,target=/root/.cache/libdnf5 microdnf install -y httpd
RUN dnf remove -y httpd && dnf makecache && dnf distro-sync -y
RUN echo dnf install httpd && dnf5 install -y httpd && /usr/bin/dnf install -y httpd
RUN sh -c "dnf install -y httpd"
ONBUILD RUN dnf install -y httpd && dnf clean all
RUN <<EOF
dnf install -y httpd
dnf clean all
EOF
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN dnf install -y httpd
