FROM alpine:3.20
# expect: onbuild-restricted-instruction@9 ~ "'ONBUILD' is not allowed as an `ONBUILD` trigger"
ONBUILD ONBUILD RUN echo hi
# expect: onbuild-restricted-instruction ~ "'from'"
onbuild from alpine:3.20
# expect: onbuild-restricted-instruction
ONBUILD MAINTAINER jane@example.com
