# expect: redundant-target-platform-literal@6 ~ "'--platform=$TARGETPLATFORM' is redundant"
# expect-fix:
FROM --platform=$TARGETPLATFORM alpine:3.20 AS a
# expect: redundant-target-platform-literal ~ "'--platform=${TARGETPLATFORM}' is redundant"
# expect-fix:
from --platform=${TARGETPLATFORM} alpine:3.20
