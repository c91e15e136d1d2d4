FROM golang:1.22 AS build
FROM alpine:3.20 AS final
COPY --from=build /out/app /app
# By index, as the peers do: not checked.
COPY --from=1 /a /b
# An ONBUILD trigger runs in the child stage, where `final` is another stage.
ONBUILD COPY --from=final /a /b
# A stage name that merely starts like the current one.
COPY --from=final-assets /a /b

FROM alpine:3.20
COPY --from=final /a /b
