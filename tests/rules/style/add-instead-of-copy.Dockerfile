FROM alpine:3.20
# expect: add-instead-of-copy@1 ~ "use `COPY` instead of `ADD`"
# expect-fix: COPY
ADD app.py requirements.txt /srv/
# A wildcard may match an archive that ADD would unpack.
# expect: add-instead-of-copy
# expect-fix[unsafe]: copy
add src/*.py /srv/
# One archive, one plain file: COPY would not unpack the archive, so no fix.
# expect: add-instead-of-copy
ADD data.tar.gz notes.txt /data/
# ADD-only flag: no fix.
# expect: add-instead-of-copy
ADD --keep-git-dir=true app.bin /bin/
# Heredocs are plain files.
# expect: add-instead-of-copy
# expect-fix: COPY
ADD --chown=1000:1000 <<EOF /etc/app.conf
key=value
EOF
# Git sources cannot be copied: no fix.
# expect: add-instead-of-copy
ADD git@github.com:acme/app.git /src
