# Only the exact value `root` of the last USER matches (as Checkov compares it).
FROM alpine:3.20 AS a
USER root
USER 0
FROM alpine:3.20 AS b
USER root:root
FROM alpine:3.20
user Root
ONBUILD USER root
