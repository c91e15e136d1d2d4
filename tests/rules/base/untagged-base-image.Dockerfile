# expect: untagged-base-image@6 ~ "base image 'ubuntu' has no tag or digest"
FROM ubuntu
# expect: untagged-base-image ~ "base image 'gcr.io/distroless/static-debian12' has no tag"
FROM gcr.io/distroless/static-debian12 AS runtime
# Stage names compare as written (BuildKit would not find this stage either).
# expect: untagged-base-image ~ "base image 'Runtime'"
FROM Runtime
# expect: untagged-base-image@32
from --platform=$BUILDPLATFORM ghcr.io/org/tool AS tool
# Only a name that starts with a variable is skipped.
# expect: untagged-base-image
FROM alpine${TAG}
