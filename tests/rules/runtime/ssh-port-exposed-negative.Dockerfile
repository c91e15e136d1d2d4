# Compared as written, as Trivy does: other ports, a range that contains 22, another casing,
# a variable and the EXPOSE inside ONBUILD are not reported.
FROM ubuntu:24.04
ARG SSH_PORT=22
EXPOSE 2222 222 20-25 22/TCP
EXPOSE ${SSH_PORT}
ONBUILD EXPOSE 22
RUN echo "EXPOSE 22"
