# `-l` in any spelling, short UIDs, no UID flag, `--uid` (only the word after `-u` is measured,
# as hadolint measures it), `-u` glued to its value, other names and `sh -c` strings.
FROM debian:12
RUN useradd -l -u 1000000 app && useradd -lmu 1000000 app && useradd --no-log-init -u 1000000 app
RUN useradd -u 12345 app && useradd -m app && useradd -r -s /bin/false app
RUN useradd --uid 1000000 app && useradd -u1000000 app
RUN adduser -u 1000000 app && /usr/sbin/useradd -u 1000000 app
RUN sh -c "useradd -u 1000000 app"
