# Any progress, quiet, no-verbose or log-file option silences the rule, however it is spelled;
# wget under another name, in `sh -c` strings or under a non-POSIX shell is not checked.
FROM debian:12
RUN wget -q https://example.com/a && wget --quiet https://example.com/a
RUN wget -nv https://example.com/a && wget --no-verbose https://example.com/a
RUN wget --progress=bar:force https://example.com/a && wget --progress dot https://example.com/a
RUN wget -o /tmp/log https://example.com/a && wget --output-file=/tmp/log https://example.com/a
RUN wget -a /tmp/log https://example.com/a && wget --append-output /tmp/log https://example.com/a
RUN wget -qO- https://example.com/a | sh && wget -cqO /tmp/a https://example.com/a
RUN /usr/bin/wget https://example.com/a && sh -c "wget https://example.com/a"
RUN bash <<EOF
wget https://example.com/a
EOF
RUN echo wget https://example.com/a && command -v wget
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN wget https://example.com/a -OutFile a
