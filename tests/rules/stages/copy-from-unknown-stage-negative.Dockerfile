# escape=`
# Earlier stages by name or index, images with a tag, ONBUILD and plain COPY.
FROM golang:1.22 AS builder
FROM builder AS test
COPY --from=builder /out /out
COPY --from=0 /out /out
# The current stage's own index and name: copy-from-own-stage's business, not this rule's.
COPY --from=1 /x /x
COPY --from=test /x /y
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=ghcr.io/org/tool@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae `
    /bin/tool /usr/local/bin/tool
# hadolint reads a leading number as a stage index.
COPY --from=1abc /x /x
# ONBUILD copies from the stages of the child image's Dockerfile.
ONBUILD COPY --from=child-stage /x /x
COPY /src /dst
