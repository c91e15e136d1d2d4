FROM golang:1.22 AS build
RUN go build -o /out/app .
# expect: copy-from-own-stage-literal@6 ~ "'--from=build' names the stage it is in (line 1)"
COPY --from=build /out/app /app

FROM alpine:3.20 AS Final
# expect: copy-from-own-stage-literal ~ "'--from=Final' names the stage it is in (line 6)"
copy --chown=1000 \
  --from=Final /a /b
