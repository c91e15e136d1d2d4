FROM debian:12
RUN apt-get update \
        && apt-get install -y --no-install-recommends \
           curl \
  # tools for the healthcheck
           ca-certificates   \   

           git \
    && rm -rf /var/lib/apt/lists/*
RUN echo a\
b
RUN \
  echo start
ENV A=1 \
      B=2
LABEL org.opencontainers.image.title="demo" \
   org.opencontainers.image.description="a  \
   b"
CMD ["sh", \
        "-c", "echo hi"]
