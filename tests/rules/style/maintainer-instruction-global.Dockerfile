# dfopt global ignore=maintainer-instruction
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
# A misspelt rule in another pragma is reported by unknown-rule (DF903), not here.
# dfopt ignore=maintainer-instructions
RUN true
