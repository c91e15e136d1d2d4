FROM node:22 AS build
RUN npm ci
# expect: duplicate-stage-name-literal@21 ~ "stage name 'build' is already used on line 1"
FROM golang:1.22 AS build
# Every later occurrence is reported.
# expect: duplicate-stage-name-literal ~ "stage name 'build' is already used on line 1"
from alpine:3.20 as build
