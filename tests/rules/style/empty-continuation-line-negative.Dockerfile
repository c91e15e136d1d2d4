# escape=`
FROM alpine:3.20
RUN apk add `
    # a comment line is not empty
    curl
RUN <<EOF
echo a

echo b
EOF

RUN echo done
