# test-options: label-superfluous.strict-labels=true
# test-options: label-superfluous.required-labels=org.opencontainers.image.source:url,maintainer
FROM alpine:3.20
# expect: label-superfluous@7 ~ "label 'org.opencontainers.image.sources' is not in the label schema"
LABEL org.opencontainers.image.source=https://x.example maintainer=jane \
      org.opencontainers.image.sources=https://y.example
# expect: label-superfluous ~ "'description'"
LABEL "description"="typo-free but not agreed"
