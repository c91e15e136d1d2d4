# Exec forms, HEALTHCHECK NONE, and instructions inside ONBUILD (hadolint skips them too).
FROM alpine:3.20 AS base
CMD ["echo", "hello"]
ENTRYPOINT ["/sbin/tini", "--"]
HEALTHCHECK NONE
HEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]
ONBUILD CMD echo child
ONBUILD HEALTHCHECK CMD curl -f http://localhost/
RUN echo "CMD echo not an instruction"

FROM base
cmd [ "/bin/sh", "-c", "echo $HOME" ]
entrypoint ["/app/server", \
    "--verbose"]
# Rejected JSON is a syntax error, not the shell form.
# expect: syntax-error
ENTRYPOINT ["/app", null]
