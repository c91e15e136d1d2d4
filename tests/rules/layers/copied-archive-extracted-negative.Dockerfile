# Not reported: archives from another stage, extracted in another stage, extracted in ways ADD
# cannot reproduce, compressed files that are not tar archives, creating an archive, extracting
# from a URL, a zip file, extraction inside `sh -c`.
FROM debian:12 AS build
COPY --from=deps /out/deps.tar.gz /tmp/
RUN tar -xzf /tmp/deps.tar.gz
COPY later.tar.gz /tmp/
FROM debian:12
RUN tar -xzf /tmp/later.tar.gz
COPY node.tar.xz sub.tar data.gz notes.tar.gz app.zip /tmp/
RUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1
RUN tar -xf /tmp/sub.tar docs/ && gunzip /tmp/data.gz
RUN tar -czf /tmp/notes.tar.gz /srv && tar -tzf /tmp/notes.tar.gz
RUN tar -xzf /tmp/notes.tar.gz -O > /dev/null && zcat /tmp/notes.tar.gz > /tmp/notes.tar
RUN unzip /tmp/app.zip && sh -c "tar -xf /tmp/sub.tar"
RUN curl -fsSL https://example.com/x.tar.gz | tar -xz
ONBUILD RUN tar -xf /tmp/sub.tar
