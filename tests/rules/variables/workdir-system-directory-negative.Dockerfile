FROM alpine:3.20
WORKDIR /proc
WORKDIR /procfs/x
WORKDIR /opt/proc/
ARG SYS=/proc/
WORKDIR $SYS/x
# Trivy sees an ONBUILD instruction, not a WORKDIR.
ONBUILD WORKDIR /boot/x
