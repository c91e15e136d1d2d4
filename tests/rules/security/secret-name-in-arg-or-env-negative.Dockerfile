# Neither a known name nor one of the substrings (`auth`, `key` and `passwd` alone are not).
ARG AUTH
FROM alpine:3.20
ENV KEY=1 PASSWD=x CREDENTIALS_DIR=/creds
ARG SSH_AUTH_SOCK
LABEL password=none
