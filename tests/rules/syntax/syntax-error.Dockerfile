FROM alpine:3.20
# expect: syntax-error ~ "unterminated heredoc"
RUN cat <<END
hello
