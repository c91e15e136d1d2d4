# dfopt global ignore=maintainer-instruction
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
# expect: unknown-rule ~ "did you mean 'maintainer-instruction'"
# dfopt ignore=maintainer-instructions
RUN true
