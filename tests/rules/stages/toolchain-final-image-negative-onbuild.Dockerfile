# An image with ONBUILD triggers is a base for other builds.
FROM gcc:14
ONBUILD COPY . /src
ONBUILD RUN make -C /src
RUN make -C /opt/helpers
