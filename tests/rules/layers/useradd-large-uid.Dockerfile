FROM debian:12
# expect: useradd-large-uid@5 ~ "`useradd` with UID 1000000 writes a huge /var/log/lastlog into the layer; add `-l` (`--no-log-init`)"
RUN useradd -u 1000000 -m app
# Grouped short options, a variable (it may be large), after a continuation with a comment.
# expect: useradd-large-uid@5
# expect: useradd-large-uid@5 ~ "`useradd` with UID `${APP_UID}`, which may be large"
RUN useradd -mu 123456 app && \
# a comment
    useradd --create-home -u "${APP_UID}" svc
# expect: useradd-large-uid@13
ONBUILD RUN useradd -u 2000000 app
# expect: useradd-large-uid@6
# expect-fix: , "-l"
RUN ["useradd", "-u", "3000000", "app"]
# expect: useradd-large-uid@1
RUN <<EOF
useradd -u 4000000 app
EOF
# `useradd` split by a line continuation cannot be edited in place: no fix.
# expect: useradd-large-uid@5
RUN user\
add -u 5000000 app
