# Versions, releases, paths and .deb files are pinned; other commands are not apt-get install.
FROM debian:12
RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 nginx/bookworm-backports \
      ./vendor/tool_1.0_amd64.deb local.deb /tmp/pkgs/ curl=$CURL_VERSION
# Option values with `=`, and the value of -t / --target-release.
RUN apt-get install -y -o Dpkg::Options::=--force-confold -t bookworm-backports git=1:2.39
# Not `install`, not literally apt-get, or not a command at all.
RUN apt-get update && apt-get remove -y curl && apt-get download curl
RUN sudo apt-get install -y curl && /usr/bin/apt-get install -y wget
RUN echo apt-get install curl && printf '%s\n' "apt-get install curl"
# Scripts of `sh -c` strings and of heredocs fed to a shell are not read, as in hadolint.
RUN sh -c "apt-get install -y curl" && bash -c 'apt-get install -y wget'
RUN bash <<EOF
apt-get install -y git
EOF
RUN ["/bin/sh", "-c", "apt-get install -y curl"]
# A comment is not a command.
RUN apt-get install -y \
# apt-get install curl
      curl=7.88.1-10+deb12u8
# A powershell SHELL does not run sh.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN apt-get install curl
