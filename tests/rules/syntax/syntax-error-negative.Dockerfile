FROM alpine:3.20
RUN cat <<END
hello
END
