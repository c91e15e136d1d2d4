ARG VERSION
ARG IMAGE
# expect: invalid-default-arg-in-from@6 ~ "base image 'node:$VERSION-alpine' is 'node:-alpine' with the ARG defaults, not a valid image reference"
FROM node:$VERSION-alpine
# expect: invalid-default-arg-in-from ~ "base image '$IMAGE' is empty with the ARG defaults"
FROM $IMAGE AS x
# Invalid without any variable: BuildKit reports it under this check too.
# expect: invalid-default-arg-in-from ~ "base image 'Alpine:3.20' is not a valid image reference: invalid reference format: repository name (library/Alpine) must be lowercase"
from Alpine:3.20
