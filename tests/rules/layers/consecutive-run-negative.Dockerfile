# RUNs with more than one command are deliberate, and so is the RUN next to them; another
# instruction, different flags, ONBUILD and non-POSIX shells break a series.
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN curl -fsSLO https://example.com/a
RUN echo a; echo b
RUN ls | sort
RUN echo "$(date)"
RUN tar -xf a.tar
WORKDIR /app
RUN make
ENV A=1
RUN make install
RUN --mount=type=secret,id=token make publish
RUN --mount=type=secret,id=other make publish
ONBUILD RUN make
RUN make
FROM debian:12
RUN make
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Install-WindowsFeature Web-Server
RUN Remove-Item C:\\inetpub\\wwwroot\\*
