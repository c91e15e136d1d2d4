# An ONBUILD CMD is checked where BuildKit runs it: in the stage built FROM this one.
FROM alpine:3.20 AS base
# expect: json-args-recommended@13 ~ "this ONBUILD trigger runs in stage 'app'"
# expect-fix[unsafe]: ["/app/start"]
ONBUILD CMD /app/start
# A SHELL in a later stage does not reach the trigger, which runs first in the child.
FROM base AS app
SHELL ["/bin/bash", "-c"]
CMD /app/start --port 8080
