FROM alpine:3.20
# expect: shell-syntax-error@64 ~ "unexpected end of script, expected 'fi'"
RUN if [ -f /etc/alpine-release ]; then apk add --no-cache curl
# expect: shell-syntax-error@10 ~ "unterminated double quote"
RUN echo "hello
# expect: shell-syntax-error@21 ~ "unexpected '&&'"
RUN apk add curl && && echo done
# In an `sh -c` string, a CMD, a HEALTHCHECK, ONBUILD and a heredoc.
# expect: shell-syntax-error@17 ~ "unterminated single quote"
RUN sh -c "echo 'oops"
# expect: shell-syntax-error@27 ~ "expected 'done'"
CMD while true; do sleep 1
# expect: shell-syntax-error@58 ~ "expected ')'"
HEALTHCHECK CMD wget -q -O - http://localhost/ || (exit 1
# expect: shell-syntax-error@18 ~ "unterminated command substitution"
ONBUILD RUN echo $(date
# expect: shell-syntax-error@1 ~ "expected 'esac'"
RUN <<EOF
case "$1" in
  a) echo a ;;
EOF
