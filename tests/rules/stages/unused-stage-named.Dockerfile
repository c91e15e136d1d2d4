# test-options: unused-stage.include-named=true
FROM golang:1.22 AS build
RUN go build -o /out/app .

# expect: unused-stage@21 ~ "stage 'test' is never used by the target stage 'final'"
FROM golang:1.22 AS test
RUN go test ./...

FROM alpine:3.20 AS final
COPY --from=build /out/app /app
