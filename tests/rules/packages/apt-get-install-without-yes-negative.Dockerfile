# Every spelling that answers yes, or is quiet enough to imply it.
FROM debian:12
RUN apt-get install -y curl && apt-get install --yes curl && apt-get install --assume-yes curl
RUN apt-get -qy install curl && apt-get install -yq curl && apt-get install -qq curl
RUN apt-get -q -q install curl && apt-get --quiet --quiet install curl && apt-get -q=2 install curl
RUN apt-get install curl -y
# Not an install, not literally apt-get, or in a script hadolint does not read.
RUN apt-get update && apt-get remove curl && apt install curl && sudo apt-get install curl
RUN sh -c "apt-get install curl"
RUN bash <<EOF
apt-get install curl
EOF
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apt-get install curl
