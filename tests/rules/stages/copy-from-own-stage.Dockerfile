FROM golang:1.22 AS build
RUN go build -o /out/app .
# expect: copy-from-own-stage@6 ~ "'--from=build' names the stage it is in ('build', line 1)"
COPY --from=build /out/app /app

FROM alpine:3.20 AS Final
# BuildKit lower-cases stage names, so the case does not matter.
# expect: copy-from-own-stage ~ "'--from=FINAL' names the stage it is in ('Final', line 6)"
copy --chown=1000 --from=FINAL /a /b
