# One of each per stage. A stage starts afresh; ONBUILD triggers of a stage that no reachable
# stage builds FROM never run in this file.
FROM alpine:3.20 AS base
CMD ["base"]
ENTRYPOINT ["/sbin/tini", "--"]
HEALTHCHECK NONE
ONBUILD CMD ["for-children"]
FROM base AS unused
CMD ["unused"]
FROM alpine:3.20
CMD ["final"]
ENTRYPOINT ["/app"]
HEALTHCHECK CMD ["/app", "health"]
