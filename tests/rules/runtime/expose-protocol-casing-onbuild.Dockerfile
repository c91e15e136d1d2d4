# escape=`
# An ONBUILD EXPOSE is checked where BuildKit runs it: in the stage built FROM this one.
FROM alpine:3.20 AS base
# expect: expose-protocol-casing@21
# expect-fix: udp
onbuild expose 5000/UDP
FROM base
