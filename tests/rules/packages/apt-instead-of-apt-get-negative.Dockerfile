# Other apt tools, and `apt` that is not the command name.
FROM ubuntu:24.04
RUN apt-get update && apt-cache policy curl && apt-key list && apt-mark hold curl
RUN sudo apt install -y curl && /usr/bin/apt install -y curl && echo apt install curl
RUN apt-get install -y apt apt-utils && dpkg -l apt
# Scripts hadolint does not read.
RUN sh -c "apt install -y curl"
RUN bash <<EOF
apt install -y curl
EOF
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apt install curl
