FROM node:20
# expect: copy-relative-destination@19 ~ "`COPY` to the relative destination 'app/' without `WORKDIR`"
COPY package.json app/
# expect: copy-relative-destination ~ "'.'"
COPY ["index.js", "."]
FROM scratch
# From scratch the working directory is "/".
# expect: copy-relative-destination
# expect-fix: /etc/app/
COPY config.yaml ./etc/app/
# expect: copy-relative-destination
# expect-fix: /
COPY --from=0 /usr/local/bin/node .
