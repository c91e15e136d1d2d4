# An ONBUILD ARG/ENV is checked where BuildKit runs it: in the stage built FROM this one.
FROM alpine:3.20 AS base
# expect: secret-in-arg-or-env@13 ~ "`ENV` 'API_KEY'"
ONBUILD ENV API_KEY=abc
FROM base
RUN true
