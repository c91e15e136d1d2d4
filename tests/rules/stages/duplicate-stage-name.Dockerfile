FROM node:22 AS build
RUN npm ci
# expect: duplicate-stage-name@21 ~ "duplicate stage name 'Build' (first defined on line 1)"
FROM golang:1.22 AS Build
# expect: duplicate-stage-name ~ "duplicate stage name 'build' (first defined on line 1)"
from alpine:3.20 as build
