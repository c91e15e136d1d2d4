FROM alpine:3.20
# One archive is enough for Trivy.
ADD app.py tools.tar.gz /srv/
ADD https://example.com/tool /usr/local/bin/tool
ADD git@github.com:acme/app.git /src
# The form `docker history` prints.
ADD file:5ba0b3a1c2d4e5f6 in /
ADD multi:0123456789abcdef /
ONBUILD ADD plain.txt /plain
