# Locking, deleting and checking passwords, locked-password markers, random passwords and
# mentions.
FROM ubuntu:24.04
RUN passwd -l root && passwd -d app && passwd -S app
RUN useradd -m -p '!' app && usermod -p '*' app && usermod -L app
RUN echo "chpasswd is not used" && grep chpasswd /etc/login.defs || true
RUN chgrp root /etc/passwd && adduser --disabled-password --gecos '' app2
RUN openssl passwd -6 -salt salt secret > /dev/null
# Random passwords that nobody knows.
RUN useradd --create-home --password "$(head -c32 /dev/urandom | base64)" penguin
RUN echo "app:$(openssl rand -base64 24)" | chpasswd
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN echo 'root:root' | chpasswd
