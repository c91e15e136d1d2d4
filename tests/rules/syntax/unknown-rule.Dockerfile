# check=skip=NoSuchCheck,MaintainerDeprecated
# expect: unknown-rule@14 ~ "unknown rule 'NoSuchCheck' in check directive"
FROM alpine:3.20
# expect: unknown-rule@16 ~ "unknown rule 'maintainer-instructions' in dfopt pragma; did you mean 'maintainer-instruction'?"
# dfopt ignore=maintainer-instructions
MAINTAINER someone
# expect: unknown-rule ~ "no dfopt rule mirrors hadolint's DL9999"
# hadolint ignore=DL4000,DL9999
MAINTAINER someone
# expect: unknown-rule ~ "unknown rule 'stlye' in dfopt pragma; did you mean 'style'?"
# dfopt global ignore=stlye  # typo
RUN true
