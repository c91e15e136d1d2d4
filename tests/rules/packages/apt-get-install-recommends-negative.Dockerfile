FROM debian:12
RUN apt-get install -y --no-install-recommends curl && apt-get --no-install-recommends -y install git
RUN apt-get install -y -o APT::Install-Recommends=false curl && apt-get install -y curl --no-install-recommends
# Not an install, not literally apt-get, or in a script hadolint does not read.
RUN apt-get update && apt-get purge -y curl && apt install -y curl && sudo apt-get install -y curl
RUN sh -c "apt-get install -y curl"
RUN bash <<EOF
apt-get install -y curl
EOF
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apt-get install curl
