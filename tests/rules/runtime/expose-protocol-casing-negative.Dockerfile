# Lowercase protocols; an unknown protocol fails the build before the check, and BuildKit stops
# at the first invalid port of an EXPOSE; ONBUILD without a stage built FROM it.
FROM alpine:3.20 AS lib
EXPOSE 53/udp 80/tcp 9000/sctp 8080/
EXPOSE 80/http 81/TCP
ONBUILD EXPOSE 5000/UDP
LABEL proto=TCP
