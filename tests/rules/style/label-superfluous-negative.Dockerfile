# Strict labels are off: labels outside the schema are fine.
# test-options: label-superfluous.required-labels=maintainer
FROM alpine:3.20
LABEL maintainer=jane description="anything goes"
ONBUILD LABEL another=1
