FROM ubuntu:24.04
# expect: apt-instead-of-apt-get@5 ~ "`apt` is meant for interactive use; use `apt-get` or `apt-cache` in scripts"
# expect-fix[unsafe]: apt-get
# expect: apt-instead-of-apt-get@19
# expect-fix[unsafe]: apt-get
RUN apt update && apt -y --no-install-recommends install curl && rm -rf /var/lib/apt/lists/*
# `apt upgrade` installs new dependencies: `apt-get upgrade --with-new-pkgs` does the same.
# expect: apt-instead-of-apt-get@5
# expect-fix[unsafe]: apt-get --with-new-pkgs
RUN apt upgrade -y
# Options with values before the subcommand; a continuation with a comment inside.
# expect: apt-instead-of-apt-get@5
RUN apt -o Acquire::Retries=3 \
# remove what is no longer needed
      autoremove -y
# No fix for subcommands apt-get lacks or runs differently, or with no subcommand.
# expect: apt-instead-of-apt-get@5
# expect: apt-instead-of-apt-get@44
# expect: apt-instead-of-apt-get@61
# expect: apt-instead-of-apt-get@86
RUN apt list --installed | grep -q curl || apt search curl; apt reinstall -y tzdata; apt
# A heredoc, a lowercase instruction, ONBUILD, a subshell and the exec form.
# expect: apt-instead-of-apt-get@1
RUN <<EOF
apt-get update
apt purge -y vim
EOF
# expect: apt-instead-of-apt-get@6
run (apt install -y less)
# expect: apt-instead-of-apt-get@13
ONBUILD RUN apt install -y tree
# expect: apt-instead-of-apt-get@6
# expect-fix[unsafe]: "apt-get"
RUN ["apt", "install", "-y", "file"]
