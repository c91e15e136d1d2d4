FROM alpine:3.20
# expect: maintainer-instruction@1 ~ "`MAINTAINER` is deprecated"
# expect-fix[unsafe]: LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
MAINTAINER Jane Doe <jane@example.com>
RUN echo hello
