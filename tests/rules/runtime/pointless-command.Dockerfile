FROM ubuntu:24.04
# expect: pointless-command@75 ~ "`service` has no use in `RUN`: a service started in `RUN` stops when the step ends"
RUN apt-get update && apt-get install -y --no-install-recommends nginx && service nginx start
# expect: pointless-command@5 ~ "`ps` has no use"
# expect: pointless-command@25 ~ "`kill` has no use"
RUN ps aux | grep -q x; kill -9 1 || true
# Commands in subshells, substitutions, groups and after a continuation with a comment inside.
# expect: pointless-command@6 ~ "`top`"
# expect: pointless-command@29 ~ "`free`"
# expect: pointless-command@10 ~ "`mount`"
RUN (top -b -n1) && echo "$(free -m)" \
# a comment inside the continuation
    && { mount -t tmpfs none /mnt; }
# expect: pointless-command@5 ~ "`vim` has no use in `RUN`: an interactive editor has no input"
run vim -c wq /etc/hosts
# expect: pointless-command@1 ~ "`shutdown`"
# expect: pointless-command@1 ~ "`ssh`"
RUN <<EOF
shutdown -h now
ssh host true
EOF
# expect: pointless-command@13 ~ "`ps`"
ONBUILD RUN ps -ef
# expect: pointless-command@6 ~ "`ps`"
RUN ["ps", "-ef"]
