# The parent's ONBUILD triggers run first in the child stage, which then overrides them.
FROM alpine:3.20 AS base
# expect: overridden-instruction@9 ~ "`CMD` of this ONBUILD has no effect in stage 'app': the `CMD` on line 9 overrides it"
ONBUILD CMD ["base-default"]
# expect: overridden-instruction@9 ~ "`ENTRYPOINT` of this ONBUILD has no effect in stage 'app': the `ENTRYPOINT` of the ONBUILD on line 7 overrides it"
ONBUILD ENTRYPOINT ["/first"]
ONBUILD ENTRYPOINT ["/second"]
FROM base AS app
CMD ["app"]
