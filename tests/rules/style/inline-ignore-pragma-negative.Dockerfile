# dfopt global ignore=add-instead-of-copy
# hadolint global ignore=DL3020
# hadolint shell=bash
FROM alpine:3.20
# dfoptimizer ignore=nothing: not a pragma
# a comment that mentions dfopt ignore=x
RUN echo "# dfopt ignore=x"
