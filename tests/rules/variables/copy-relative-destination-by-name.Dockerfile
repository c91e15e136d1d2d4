FROM node:20
# expect: copy-relative-destination-by-name@19 ~ "`COPY` to the relative destination 'app/' without `WORKDIR`"
COPY package.json app/
# expect: copy-relative-destination-by-name ~ "'.'"
COPY ["index.js", "."]
# expect: copy-relative-destination-by-name ~ "'conf.d/'"
copy --chown=1000 nginx.conf 'conf.d/'

FROM scratch
# expect: copy-relative-destination-by-name
COPY config.yaml ./etc/app/

FROM node:20 AS web
WORKDIR /app
# Records are kept per name: `library/node` (the name without its registry) never had one.
FROM docker.io/library/node:20
# expect: copy-relative-destination-by-name
COPY a b

# A WORKDIR inside ONBUILD is not recorded.
FROM alpine:3.20 AS base
ONBUILD WORKDIR /app
FROM base
# expect: copy-relative-destination-by-name
COPY a b

FROM alpine:3.20 AS conf
# expect: copy-relative-destination-by-name ~ "'app.conf'"
COPY <<CONF app.conf
x=1
CONF
