FROM ubuntu:24.04
# expect: sudo-in-run@5 ~ "`sudo` in RUN; switch users with `USER` instead"
RUN sudo apt-get update
# After `&&` and `||`, in a pipeline, a subshell and a substitution: each `sudo` is reported.
# expect: sudo-in-run@23
# expect: sudo-in-run@55
RUN apt-get update && sudo apt-get install -y curl || sudo true
# expect: sudo-in-run@14
# expect: sudo-in-run@32
RUN echo x | sudo tee /etc/x; (sudo rm -f /tmp/x)
# expect: sudo-in-run@13
RUN echo "$(sudo cat /etc/shadow)"
# ShellCheck names the command after `exec` or `command`, as hadolint reads it.
# expect: sudo-in-run@13
RUN command sudo true
# A continuation with a comment line inside, and lowercase instructions.
# expect: sudo-in-run@5
run apt-get update \
# refresh the index first
 && sudo apt-get upgrade -y
# expect: sudo-in-run@6
RUN ["sudo", "apt-get", "update"]
# expect: sudo-in-run@1
RUN <<EOF
set -e
sudo apt-get update
EOF
FROM ubuntu:24.04 AS child-base
# expect: sudo-in-run@13
ONBUILD RUN sudo chown -R app /app
