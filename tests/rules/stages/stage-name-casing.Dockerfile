# expect: stage-name-casing@21 ~ "stage name 'Builder' is not lower-case"
FROM golang:1.22 AS Builder
RUN go build -o /out/app .

# `FROM Builder` does not reach the stage until the name is lower-case everywhere.
# expect: stage-name-casing@17 ~ "stage name 'Test' is not lower-case"
# expect-fix: test
FROM Builder AS Test
RUN go test ./...

FROM alpine:3.20
COPY --from=Builder /out/app /app
COPY --from=builder /out/app /app2
RUN --mount=type=cache,from=BUILDER,source=/root/.cache,target=/root/.cache true
ONBUILD COPY --from=Builder /out/app /onbuild
