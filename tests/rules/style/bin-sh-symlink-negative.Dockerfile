# Other paths, a path that only contains /bin/sh, `ln` under another name, `sh -c` strings and a
# SHELL instruction are not reported.
FROM ubuntu:24.04
RUN ln -sf /bin/bash /usr/local/bin/sh && ln -s /bin/sh.distrib /tmp/x && ln -s /bin/shx /y
RUN /bin/ln -sf /bin/bash /bin/sh && command -v ln && busybox --list | grep -x ln
RUN sh -c "ln -sf /bin/bash /bin/sh" && echo ln /bin/sh
RUN bash <<EOF
ln -sf /bin/bash /bin/sh
EOF
SHELL ["/bin/bash", "-c"]
RUN readlink -f /bin/sh
