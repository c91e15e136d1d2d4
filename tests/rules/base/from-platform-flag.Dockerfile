# expect: from-platform-flag@6 ~ "'--platform=linux/amd64' uses neither $BUILDPLATFORM nor $TARGETPLATFORM"
FROM --platform=linux/amd64 alpine:3.20
# Variables other than the two platform args count too.
# expect: from-platform-flag
FROM --platform=$BUILDOS/$BUILDARCH golang:1.22 AS build
# expect: from-platform-flag ~ "'--platform=linux/$TARGETARCH'"
from --platform=linux/$TARGETARCH alpine:3.20
# A stage named after its platform is still reported (unlike from-platform-constant).
# expect: from-platform-flag
FROM --platform=linux/amd64 alpine:3.20 AS build-amd64
