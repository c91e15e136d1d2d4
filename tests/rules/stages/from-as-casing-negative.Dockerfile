# Matching case, a mixed-case FROM (instruction casing's business), no AS at all.
FROM golang:1.22 AS build
from alpine:3.20 as final
From alpine:3.20 as mixed
From alpine:3.20 AS mixed2
FROM alpine:3.20
FROM build
FROM alpine:3.20 \
  AS continued
