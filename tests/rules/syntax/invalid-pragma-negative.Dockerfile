# check=skip=MaintainerDeprecated;error=false
FROM alpine:3.20
# dfopt ignore=DF701  # a reason after the list is fine
MAINTAINER someone
# hadolint's own pragmas, well-formed or not, are hadolint's business.
# hadolint shell=powershell
# hadolint ignore DL3000
RUN true
# dfopt is mentioned in prose here, and without an equals sign this is no pragma.
RUN true
# dfopt stage ignore=DF701
FROM alpine:3.20 AS final
