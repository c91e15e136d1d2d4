# A full toolchain in a build stage is fine; the produced image is slim.
FROM golang:1.23 AS build
RUN go build -o /app ./cmd/app
FROM python:3.13 AS tools
FROM node:22-slim
COPY --from=build /app /app
