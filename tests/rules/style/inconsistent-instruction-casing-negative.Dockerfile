# escape=`
# Global ARGs are not counted, continuations and JSON forms do not matter, and the trigger of
# ONBUILD keeps its own case.
arg BASE=alpine:3.20
FROM $BASE AS build
RUN echo `
    hi
ONBUILD run echo lower
COPY ["a", "/a"]
