FROM debian:12 AS base
# Installed in the same RUN before use: GNU wget, a safe fix.
# expect: wget-without-progress@74 ~ "`wget` writes a progress line per 50 KB to the build log; add `--progress=dot:giga` (or `-nv`)"
RUN apt-get update && apt-get install -y --no-install-recommends wget && wget https://example.com/a.tgz
# `-O -` is not `-o`; short options grouped; after a continuation with a comment inside.
# expect: wget-without-progress@5
# expect: wget-without-progress@5
RUN wget -O - https://example.com/a.tgz | tar -xz \
# a comment
 && wget -cO /tmp/b https://example.com/b
# exec form, `exec`, a heredoc
# expect: wget-without-progress@6
# expect-fix: , "--progress=dot:giga"
RUN ["wget", "https://example.com/c"]
# expect: wget-without-progress@10
run exec wget https://example.com/d
# expect: wget-without-progress@1
RUN <<EOF
wget https://example.com/e
EOF
# A stage built from one that installed wget.
FROM base
# expect: wget-without-progress@5
RUN wget https://example.com/f
# Official glibc-based images have GNU wget; Alpine's BusyBox wget rejects --progress, so the
# fix is unsafe there until the stage installs the wget package.
FROM python:3.12-slim
# expect: wget-without-progress@6
# expect-fix: , "--progress=dot:giga"
RUN ["wget", "https://example.com/j"]
FROM python:3.12-alpine
# expect: wget-without-progress@6
# expect-fix[unsafe]: , "--progress=dot:giga"
RUN ["wget", "https://example.com/k"]
FROM alpine:3.20
# expect: wget-without-progress@5
RUN wget https://example.com/g
RUN apk add --no-cache wget
# expect: wget-without-progress@6
# expect-fix: , "--progress=dot:giga"
RUN ["wget", "https://example.com/l"]
# ONBUILD runs in another stage: unsafe.
# expect: wget-without-progress@13
ONBUILD RUN wget https://example.com/h
# `wget` split by a line continuation cannot be edited in place: no fix.
# expect: wget-without-progress@5
RUN wg\
et https://example.com/i
