# expect: instruction-before-from ~ "'ENV' before the first `FROM`"
ENV A=1
ARG B=2
# expect: instruction-before-from
run echo hi
FROM alpine:3.20
RUN echo ok
