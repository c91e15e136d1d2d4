# A FROM that reaches the stage through an ARG cannot be renamed here: no fix.
ARG BASE=Builder
# expect: stage-name-casing
FROM golang:1.22 AS Builder
FROM $BASE
