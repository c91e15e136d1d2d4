ARG VERSION=3.20
ARG BASE_IMAGE
# expect: undefined-arg-in-from@14 ~ "variable 'VERSON' in FROM is not declared by a global ARG; did you mean 'VERSION'?"
# expect-fix[unsafe]: VERSION
FROM alpine:$VERSON AS one
# Predefined platform args are suggested too.
# expect: undefined-arg-in-from ~ "did you mean 'TARGETPLATFORM'?"
# expect-fix[unsafe]: TARGETPLATFORM
FROM --platform=${TARGETPLATFROM} alpine:3.20
# A default does not declare the variable; nothing close to suggest.
# expect: undefined-arg-in-from ~ "variable 'NODE_VERSION' in FROM is not declared by a global ARG"
FROM node:${NODE_VERSION:-22}
# An ARG inside a stage is not global: FROM does not see it.
ARG STAGE_TAG=3.19
# expect: undefined-arg-in-from ~ "variable 'STAGE_TAG'"
from alpine:$STAGE_TAG
