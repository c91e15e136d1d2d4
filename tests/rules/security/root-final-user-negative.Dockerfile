# The last USER is unprivileged; `root:` with an empty group does not match Trivy's
# `^root(:.+)?$`; a later ONBUILD USER does not count.
FROM alpine:3.20 AS build
USER root:
FROM alpine:3.20
USER root
user 10001:10001
ONBUILD USER root
