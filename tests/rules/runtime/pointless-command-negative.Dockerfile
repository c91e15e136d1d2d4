# Not the literal command name, inside `sh -c` strings or heredocs fed to a shell, words that are
# only arguments, other interpreters and similar names: none is reported.
FROM ubuntu:24.04
RUN /usr/bin/ps aux && sudo service nginx start && apt-get install -y vim openssh-client procps
RUN sh -c "service nginx start" && bash -c 'kill 1'
RUN bash <<EOF
vim -c wq /etc/hosts
EOF
RUN echo ps top free kill mount && pstree && vi /etc/hosts && sshd -t && services
RUN ${TOOL} ps
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN ps; kill 1
