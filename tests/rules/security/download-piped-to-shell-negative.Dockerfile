# Downloads saved to a file, piped to something that is not a shell, or into a shell that runs
# a script file or `-c` code; shells fed by something else than a download.
FROM debian:12
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "0123456789abcdef  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN wget -q https://example.com/install.sh | sh
RUN curl -o /tmp/x.sh https://example.com/x.sh | sh
RUN curl -fsSL https://example.com/install.sh | sh -c 'cat > /tmp/install.sh'
RUN curl -fsSL https://example.com/data.json | python3 -m json.tool
RUN curl -fsSL https://example.com/a | bash /tmp/local-script.sh
RUN sed -e 's/^/mknod /' devices.txt | sh -eux
RUN echo 'echo hello' | bash
RUN bash /tmp/install.sh "$(curl -fsSL https://example.com/version.txt)"
RUN sh -c 'curl -fsSL https://example.com/tool.tar.gz | tar -xz'
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN curl -fsSL https://example.com/install.sh | sh
