# The working directory the image starts in is unknown (the base image may set one), so it
# cannot be restored after the RUN: no fix where a later instruction or the image needs it.
FROM node:22 AS base
# expect: cd-in-run@5 ~ "use `WORKDIR` instead of `cd` to switch to a directory"
RUN cd /usr/src && npm ci
FROM base
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
RUN cd /opt && ls
COPY . .
# expect: cd-in-run@5 ~ "use `WORKDIR` instead"
RUN cd /opt && ls
