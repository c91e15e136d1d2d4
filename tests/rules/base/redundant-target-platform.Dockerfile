# expect: redundant-target-platform@6 ~ "'--platform=$TARGETPLATFORM' is redundant: stages build for the target platform by default"
# expect-fix:
FROM --platform=$TARGETPLATFORM alpine:3.20 AS a
# Quoted, braced or with a default, it is still the target platform.
# expect: redundant-target-platform
FROM --platform="${TARGETPLATFORM}"   alpine:3.20 AS b
# expect: redundant-target-platform
from --platform=${TARGETPLATFORM:-linux/arm64} alpine:3.20
# expect: redundant-target-platform
FROM --platform=$TARGETPLATFORM \
    alpine:3.20 AS d
