FROM alpine:3.20
# expect: relative-workdir@9 ~ "relative WORKDIR 'app'; use an absolute path"
WORKDIR app
# The base is unknown, so is the absolute path: no fix.
# expect: relative-workdir
WORKDIR "src"
FROM scratch
# From scratch the working directory is known.
# expect: relative-workdir
# expect-fix: /usr/src
workdir usr/src
# expect: relative-workdir
# expect-fix: /usr/src/app
WORKDIR ./app
