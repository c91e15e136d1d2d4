# Valid ports, ranges and protocols; variables are not expanded (as in hadolint) and the
# instruction inside ONBUILD is not checked.
FROM nginx:1.27
ARG HIGH=70000
EXPOSE 0 80 65535 8000-9000/udp 53/TCP
EXPOSE $HIGH ${HIGH}/tcp
ONBUILD EXPOSE 70000
LABEL port=70000
