FROM alpine:3.20
# expect: add-without-archive-or-url ~ "consider `COPY config.yaml /etc/app/` instead of `ADD config.yaml /etc/app/`"
ADD config.yaml /etc/app/
# ".tgz" does not contain ".tar".
# expect: add-without-archive-or-url
ADD data.tgz /data/
# expect: add-without-archive-or-url
ADD ["app.py", "/srv/"]
