FROM golang:1.22 AS build
FROM alpine:3.20 AS final
COPY --from=build /out/app /app
# hadolint compares names as written: another case is another name (BuildKit disagrees, see
# copy-from-own-stage).
COPY --from=FINAL /a /b
# Quotes are part of the value hadolint reads.
COPY --from="final" /a /b
# By index: not checked.
COPY --from=1 /a /b
# hadolint does not look inside ONBUILD.
ONBUILD COPY --from=final /a /b
# A repeated --from is a parse error for hadolint: no rule sees the instruction.
COPY --from=final --from=build /a /b
# A stage name that merely starts like the current one.
COPY --from=final-assets /a /b

FROM alpine:3.20
COPY --from=final /a /b
