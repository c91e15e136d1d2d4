# Values from variables (see build-arg-credential-in-run), prompts, user names without a
# password, `-p` options that are not passwords, and placeholders.
FROM alpine:3.20
ARG NPM_TOKEN
RUN git clone "https://deploy:${GIT_TOKEN}@git.example.com/team/app.git" /src
RUN git clone ssh://git@github.com/org/repo.git && git clone git@github.com:org/repo.git
RUN git clone https://oauth2@gitlab.example.com/team/app.git
RUN curl -u "admin:$(cat /run/secrets/pw)" https://example.com && curl -u admin https://example.com
RUN curl -H "Authorization: Bearer ${TOKEN}" -H "Accept: application/json" https://example.com
RUN mysql -u root -p app < /tmp/schema.sql && mysql -u root --password app
RUN mkdir -p /var/lib/mysql && docker run -p 8080:80 nginx && redis-cli -p 6380 ping
RUN ssh -p 2222 host true && sshpass -f /run/secrets/pw ssh host true
RUN sshpass -e ssh -p 2222 host true && mongosh -u admin -p --eval "db.stats()"
RUN htpasswd -c /etc/nginx/.htpasswd admin && htpasswd -nB admin
RUN docker login -u ci --password-stdin registry.example.com < /run/secrets/pw
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc
RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"
RUN curl -u "<user>:<password>" https://example.com
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN git clone https://deploy:s3cr3t@git.example.com/team/app.git C:\src
