# escape=`
FROM alpine:3.20
ENV A=1 B="two words"
LABEL "com.example.key"="value" other=x
ARG NAME
ARG VERSION=1
# The trigger inside ONBUILD is not dispatched in this file.
ONBUILD ENV LEGACY value
ENV C=value `
    D=continued
RUN echo "ENV X y"
