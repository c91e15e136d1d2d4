FROM ubuntu:24.04
# expect: bin-sh-symlink@5 ~ "`ln` replaces `/bin/sh` for every program in the image; use the `SHELL` instruction"
RUN ln -sf /bin/bash /bin/sh
# Quoted, after `;`, in a subshell, after a continuation with a comment inside, in a heredoc.
# expect: bin-sh-symlink@17
# expect: bin-sh-symlink@6
RUN rm /bin/sh; ln -s "/bin/sh" /bin/dash-link \
# a comment
 && (ln -sfn /bin/zsh '/bin/sh')
# expect: bin-sh-symlink@1
RUN <<EOF
ln -sf /bin/bash /bin/sh
EOF
# expect: bin-sh-symlink@13
ONBUILD RUN ln -sf /bin/bash /bin/sh
# expect: bin-sh-symlink@6
RUN ["ln", "-sf", "/bin/bash", "/bin/sh"]
# hadolint (through ShellCheck) names the command after `busybox`, `command` or `exec`.
# expect: bin-sh-symlink@5
RUN busybox ln -sf /bin/bash /bin/sh
