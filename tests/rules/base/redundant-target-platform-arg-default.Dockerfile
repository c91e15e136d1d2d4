# A global ARG default replaces the predefined value: the flag then selects linux/arm64, so
# removing it changes the build and the fix is unsafe.
ARG TARGETPLATFORM=linux/arm64
# expect: redundant-target-platform
# expect-fix[unsafe]:
FROM --platform=$TARGETPLATFORM alpine:3.20
