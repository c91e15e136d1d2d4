# test-options: label-missing.required-labels=org.opencontainers.image.source:url,maintainer
FROM golang:1.22 AS build
LABEL maintainer="jane@example.com"
RUN go build -o /app .

# expect: label-missing ~ "stage 1 does not set label 'org.opencontainers.image.source'"
# expect: label-missing ~ "stage 1 does not set label 'maintainer'"
FROM alpine:3.20
COPY --from=build /app /app

# A stage built FROM a stage without the label lacks it too.
# expect: label-missing ~ "stage 'child' does not set label 'org.opencontainers.image.source'"
FROM build AS child
