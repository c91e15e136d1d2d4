FROM alpine:3.20
ADD https://example.com/tool /usr/local/bin/tool
ADD "vendor.tar.gz" /vendor/
ADD ["app.tar.xz", "http://example.com/x", "/opt/"]
ADD bundle.tgz archive.tbz2 /opt/
# hadolint does not look inside ONBUILD.
ONBUILD ADD plain.txt /plain
COPY plain.txt /plain
