# A stage only copied from is not in the image.
FROM debian:12 AS tools
RUN apt-get update && apt-get install -y --no-install-recommends curl
FROM debian:12 AS final
COPY --from=tools /usr/bin/curl /usr/bin/curl
# The lists removed in the same RUN (hadolint accepts any `rm` with `-rf`).
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y jq && rm -rf /tmp/build
RUN apt-get update && apt-get install -y make && rm -f -r /var/lib/apt/lists/*
# Cache or tmpfs mounts keep the lists out of the layer.
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y tini
RUN --mount=type=tmpfs,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get update && apt-get install -y htop
# No update by apt-get, apt or aptitude as the command itself.
RUN apt-get install -y less && sudo apt-get update && /usr/bin/apt-get update
RUN echo apt-get update && apt-cache update
RUN sh -c "apt-get update && apt-get install -y vim"
RUN bash <<EOF
apt-get update
EOF
RUN apk update && apk add --no-cache curl
# A powershell SHELL does not run sh.
SHELL ["powershell", "-Command"]
RUN apt-get update
