FROM alpine:3.20
# expect: copy-multiple-sources-destination@37 ~ "`COPY` with 2 sources to '/app', which does not end with '/'"
# expect-fix[unsafe]: /
COPY package.json package-lock.json /app
# expect: copy-multiple-sources-destination
# expect-fix[unsafe]: /
COPY ["a.txt", "b.txt", "/data"]
# Heredocs are sources too.
# expect: copy-multiple-sources-destination
# expect-fix[unsafe]: /
COPY <<EOF1 <<EOF2 /etc/conf
one
EOF1
two
EOF2
# expect: copy-multiple-sources-destination
# expect-fix[unsafe]: /
COPY --parents a/x.txt b/y.txt "/out"
