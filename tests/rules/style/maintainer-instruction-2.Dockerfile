# The keyword in any case, values that need quoting, and a continuation.
FROM alpine:3.20 AS base
# expect: maintainer-instruction@1
# expect-fix[unsafe]: LABEL org.opencontainers.image.authors="bob \"the builder\" \$HOME"
maintainer bob "the builder" $HOME

FROM base
# expect: maintainer-instruction@3
  Maintainer \
    alice@example.com
