FROM alpine:3.20
# expect: env-self-reference@31 ~ "'APP_HOME' is defined in the same `ENV`"
ENV APP_HOME=/srv/app APP_BIN=${APP_HOME}/bin
# A reference in an earlier pair counts too.
# expect: env-self-reference ~ "'B'"
ENV A=$B B=2
# expect: env-self-reference ~ "'X'"
ENV X=1 \
    Y="$X/lib"
