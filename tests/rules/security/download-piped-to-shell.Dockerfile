FROM debian:12
# expect: download-piped-to-shell@5 ~ "output of `curl` is piped to `bash` without verification; save it to a file and check its checksum before running it"
RUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -
# expect: download-piped-to-shell@23 ~ "output of `wget` is piped to `bash`"
RUN apt-get update && wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes
# expect: download-piped-to-shell@5 ~ "output of `curl` is piped to `sh`"
RUN curl --proto '=https' -sSf https://sh.rustup.rs | sh -s -- -y
# expect: download-piped-to-shell@5 ~ "output of `curl` is piped to `bash`"
RUN curl -sSL https://dot.net/v1/dotnet-install.sh | bash /dev/stdin --channel 8.0
# expect: download-piped-to-shell@5 ~ "output of `curl` is piped to `python3`"
RUN curl -sSL https://install.python-poetry.org | python3 -
# expect: download-piped-to-shell@5 ~ "output of `wget` is piped to `sh`"
RUN wget -O - https://example.com/get.sh | tee /tmp/get.log | sh
# expect: download-piped-to-shell@5 ~ "output of `curl` is run by `bash`"
RUN bash -c "$(curl -fsSL https://example.com/install.sh)"
# expect: download-piped-to-shell@5 ~ "output of `curl` is run by `sh`"
RUN sh <(curl -fsSL https://example.com/install.sh) --prefix=/usr/local
# expect: download-piped-to-shell@5 ~ "output of `curl` is run by `eval`"
RUN eval "$(curl -fsSL https://example.com/env.sh)"
# A continuation with a comment line inside, and lowercase instructions.
# expect: download-piped-to-shell@5
run curl -fsSL https://example.com/install.sh \
# pinned by the vendor, they say
  | sh
# expect: download-piped-to-shell@1 ~ "output of `curl` is piped to `sh`"
RUN <<EOF
set -e
curl -fsSL https://example.com/install.sh | sh
EOF
FROM debian:12 AS base
# expect: download-piped-to-shell@13
ONBUILD RUN curl -fsSL https://example.com/install.sh | bash
