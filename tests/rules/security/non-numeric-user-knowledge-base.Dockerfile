# Accounts the base image ships, from the knowledge base: per variant when the IDs differ.
FROM postgres:16
# expect: non-numeric-user ~ "use `USER 999:999`"
USER postgres
FROM postgres:16-alpine
# expect: non-numeric-user ~ "use `USER 70:70`"
USER postgres
FROM redis:7-alpine
# expect: non-numeric-user ~ "use `USER 999:1000`"
USER redis
# The distribution's base accounts.
FROM php:8.3-apache
# expect: non-numeric-user ~ "use `USER 33:33`"
USER www-data
FROM python:3.13-alpine
# expect: non-numeric-user ~ "use `USER 65534:65534`"
USER nobody
# A UID from the file without a known group gives the UID alone.
FROM busybox:1.36
RUN adduser -D -u 10002 svc
# expect: non-numeric-user ~ "use `USER 10002`"
USER svc
# Unknown images and unknown accounts give no hint.
FROM mycompany/base:1.2
# expect: non-numeric-user ~ "cannot resolve it"
USER postgres
