# `cd` inside `sh -c` strings and heredocs fed to a shell, as an argument, under another name,
# inside ONBUILD, in exec-form `sh -c` elements and under a non-POSIX shell is not reported.
FROM debian:12
RUN sh -c "cd /src && make" && bash -c 'cd /tmp'
RUN bash <<EOF
cd /src
EOF
RUN echo cd /src && /usr/bin/cd /src && command -v cd && cd=1 && "$CD" /src
ONBUILD RUN cd /src && make
RUN ["sh", "-c", "cd /src && make"]
WORKDIR /src
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN cd C:\\; dir
