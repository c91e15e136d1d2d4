FROM debian:12 AS build
# expect: copied-archive-extracted@6 ~ "`app.tar.gz` is copied, then extracted by `tar` on line 4; `ADD` extracts a local tar archive without storing it in a layer"
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
# Old-style options, `--file=`, a decompressor piped into tar, a quoted source among others.
# expect: copied-archive-extracted@6 ~ "`a.tar` is copied"
# expect: copied-archive-extracted@12 ~ "`b.tgz` is copied"
# expect: copied-archive-extracted@25 ~ "`c.tar.xz` is copied, then extracted by `xzcat`"
COPY a.tar "dist/b.tgz" ./c.tar.xz README.md /srv/
WORKDIR /srv
RUN tar xf a.tar && tar --extract --file=b.tgz \
# a comment
 && xzcat c.tar.xz | tar -x -C /opt
# Copied under an archive name; extracted in a heredoc.
# expect: copied-archive-extracted@6 ~ "`pkg.tar.bz2` is copied"
COPY build/output.bin /pkg.tar.bz2
RUN <<EOF
tar -xjf /pkg.tar.bz2 -C /usr/local
EOF
FROM debian:12
# expect: copied-archive-extracted@6
COPY tool.TAR.GZ /tmp/
RUN cd /tmp && tar -zxvf tool.TAR.GZ
