FROM alpine:3.20
# expect: hardcoded-credential-in-run@30 ~ "hard-coded password in a URL; it stays in the image history, pass it with `RUN --mount=type=secret` instead"
RUN git clone https://deploy:s3cr3t@git.example.com/team/app.git /src
# expect: hardcoded-credential-in-run@23 ~ "hard-coded token in a URL"
RUN git clone https://ghp_abcdefghijklmnop1234@github.com/org/private.git
# expect: hardcoded-credential-in-run@57 ~ "hard-coded password in a URL"
RUN pip install --no-cache-dir --index-url https://user:hunter2@pypi.example.com/simple app
# expect: hardcoded-credential-in-run@25 ~ "hard-coded password for `curl --user`"
RUN curl -fsSL -u admin:hunter2 https://example.com/a -o /tmp/a
# expect: hardcoded-credential-in-run@13 ~ "hard-coded `Authorization` header for `curl`"
RUN curl -H "Authorization: Bearer abc.def.ghi" https://example.com/api
# expect: hardcoded-credential-in-run@10 ~ "hard-coded `PRIVATE-TOKEN` header for `wget`"
RUN wget --header="PRIVATE-TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx" https://gitlab.example.com/api/v4/x
# expect: hardcoded-credential-in-run@48 ~ "hard-coded password for `docker login`"
RUN docker login -u ci registry.example.com -p s3cr3t
# expect: hardcoded-credential-in-run@27 ~ "hard-coded password for `mysql`"
RUN mysql -u root -h db -psecret app < /tmp/schema.sql
# expect: hardcoded-credential-in-run@35 ~ "hard-coded password for `mysqladmin`"
# expect: hardcoded-credential-in-run@48 ~ "hard-coded new password for `mysqladmin password`"
RUN mysqladmin -u root --password=old password new-secret
# expect: hardcoded-credential-in-run@41 ~ "hard-coded password for `mongosh`"
RUN mongosh --username admin --password admin123 --eval 'db.stats()'
# expect: hardcoded-credential-in-run@27 ~ "hard-coded password for `redis-cli`"
RUN redis-cli -h cache -a foobared ping
# expect: hardcoded-credential-in-run@16 ~ "hard-coded password for `sshpass -p`"
RUN sshpass -p 'root' scp -o StrictHostKeyChecking=no root@host:/x /x
# expect: hardcoded-credential-in-run@45 ~ "hard-coded password for `htpasswd -b`"
RUN htpasswd -cb /etc/nginx/.htpasswd admin admin
# expect: hardcoded-credential-in-run@32 ~ "hard-coded password for `rabbitmqctl add_user`"
RUN rabbitmqctl add_user admin s3cr3t
# expect: hardcoded-credential-in-run@53 ~ "hard-coded `//registry.npmjs.org/:_authToken` for `npm config set`"
RUN npm config set //registry.npmjs.org/:_authToken=npm_abcdef0123456789
# expect: hardcoded-credential-in-run@10 ~ "hard-coded npm `_authToken`"
RUN echo "//registry.npmjs.org/:_authToken=npm_abcdef0123456789" > ~/.npmrc
# expect: hardcoded-credential-in-run@16 ~ "hard-coded password in PGPASSWORD"
RUN PGPASSWORD=postgres psql -h db -U postgres -c 'select 1'
# A continuation with a comment line inside, and `sh -c`.
RUN set -e \
# fetch the private package
# expect: hardcoded-credential-in-run@86 ~ "hard-coded password for `dotnet nuget add source`"
 && dotnet nuget add source https://nuget.example.com/v3/index.json -n corp -u ci -p s3cr3t \
    --store-password-in-clear-text
# expect: hardcoded-credential-in-run@30 ~ "hard-coded password for `svn`"
RUN sh -c "svn co --password hunter2 https://svn.example.com/repo /src"
# expect: hardcoded-credential-in-run@26 ~ "hard-coded password in a URL"
RUN <<EOF
set -e
git clone https://deploy:s3cr3t@git.example.com/team/app.git /src
EOF
FROM alpine:3.20 AS base
# expect: hardcoded-credential-in-run@33
ONBUILD RUN curl -fsSL -u admin:hunter2 https://example.com/a -o /tmp/a
