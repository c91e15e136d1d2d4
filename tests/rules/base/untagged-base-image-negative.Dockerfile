# escape=`
# Tagged, pinned, scratch, earlier stages, and names that start with a variable: hadolint's
# DL3006 passes them all.
ARG BASE=ubuntu
FROM alpine:3.20 AS base
FROM base
FROM scratch
FROM alpine@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
FROM $BASE
FROM ${REGISTRY}/app
# hadolint takes the port for a tag.
FROM localhost:5000/app
FROM docker.io/library/alpine:3.20
FROM registry.example.com:5000/team/app:1.0 `
    AS team
ONBUILD RUN echo FROM ubuntu
