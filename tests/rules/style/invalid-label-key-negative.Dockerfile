FROM alpine:3.20
LABEL org.opencontainers.image.title="app" com.example.version-2=1 a1=x
LABEL "org.example.quoted"="yes"
LABEL maintainer="Jane Doe"
# hadolint does not look inside ONBUILD.
ONBUILD LABEL Bad_Key=1
RUN echo "LABEL Bad=1"
