FROM alpine:3.20
COPY package.json /app
COPY package.json package-lock.json /app/
COPY a b "dir/"
COPY ["a.txt", "b.txt", "/data/"]
COPY <<EOF /etc/conf
only one source
EOF
# hadolint does not look inside ONBUILD.
ONBUILD COPY a b dest
ADD a b dest
