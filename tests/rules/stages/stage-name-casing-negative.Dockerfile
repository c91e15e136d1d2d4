# Lower-case names; upper case in images and elsewhere is not a stage name.
FROM golang:1.22 AS builder
FROM ALPINE:3.20
from alpine:3.20 as final
FROM Builder
COPY --from=Builder /a /b
# BuildKit's check looks only at a FROM with exactly three arguments.
FROM alpine:3.20 AS Extra arg
