# Suppressed by pragmas, or not a MAINTAINER of this image at all.
FROM alpine:3.20
# dfopt ignore=maintainer-instruction  # kept for the legacy Author field
MAINTAINER Jane Doe <jane@example.com>
# dfopt ignore=DF701
MAINTAINER Jane Doe <jane@example.com>
# hadolint ignore=DL4000,SC2086
MAINTAINER Jane Doe <jane@example.com>
# ONBUILD's MAINTAINER belongs to the child image; hadolint's DL4000 skips it as well.
ONBUILD MAINTAINER someone@example.com
LABEL maintainer="Jane Doe"
RUN echo "MAINTAINER is not an instruction here"
