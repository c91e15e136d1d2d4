# Without any FROM, everything but ARG is out of place.
ARG VERSION=1
# expect: instruction-before-from
LABEL version=$VERSION
