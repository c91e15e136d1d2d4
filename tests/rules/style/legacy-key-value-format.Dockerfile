FROM alpine:3.20
# expect: legacy-key-value-format@5 ~ "ENV 'APP_HOME' uses the legacy `key value` form"
# expect-fix: =
ENV APP_HOME /srv/app
# expect: legacy-key-value-format ~ "LABEL 'description'"
# expect-fix: ="hello world"
LABEL description hello world
# expect: legacy-key-value-format
# expect-fix: ="it's \"quoted\""
ENV MSG "it's \"quoted\""
# expect: legacy-key-value-format
# expect-fix[unsafe]: =""
ENV GREETING hello $USER
# No fix: blanks, a variable and quotes together.
# expect: legacy-key-value-format
ENV MIXED "a b" $HOME
# expect: legacy-key-value-format
# expect-fix: =
env EXTRA_PATH \
    /opt/bin
# A comment inside the continuation would be lost: no fix.
# expect: legacy-key-value-format
ENV COMMENTED \
# a comment
    value
