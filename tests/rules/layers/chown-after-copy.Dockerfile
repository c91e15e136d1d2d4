FROM alpine:3.20 AS build
RUN echo build > /out

FROM alpine:3.20
RUN addgroup -g 1000 app && adduser -D -u 1000 -G app app
WORKDIR /app
COPY --from=build /out .
# expect: chown-after-copy@5 ~ "`chown -R` of '/app' after `COPY` stores the copied files again in a new layer; use `COPY --chown=app:app`"
RUN chown -R app:app /app
# A relative path, `--recursive`, and other commands in the same RUN: no fix.
COPY config/ conf/
# expect: chown-after-copy@16 ~ "use `COPY --chown=app`"
RUN echo ok && chown --recursive app conf
# chmod with an octal mode, after ADD; lowercase instructions.
add static /srv/static
# expect: chown-after-copy@5 ~ "`chmod -R` of '/srv/static' after `ADD`"
run chmod -R 755 /srv/static
# A destination given by a build argument, and a continuation with a comment inside.
ARG DEST=/opt/data
COPY data ${DEST}
# expect: chown-after-copy@5
RUN chmod -R \
# the mode
    g+w /opt/data
