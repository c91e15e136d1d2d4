# A single-stage build (or a chain of stages that all reach the image) is not reported: the
# packages may be what the image is for.
FROM debian:12-slim AS base
RUN apt-get update && apt-get install -y build-essential cmake
FROM base
RUN apt-get install -y libssl-dev
CMD ["bash"]
