# test-options: label-missing.required-labels=org.opencontainers.image.source:url,maintainer
FROM alpine:3.20 AS base
LABEL "org.opencontainers.image.source"="https://github.com/acme/app" \
      maintainer=jane@example.com
# Inherited from the parent stage.
FROM base AS final
RUN echo ok
# A stage only used as a COPY --from source is exempt.
FROM golang:1.22 AS tools
RUN go install example.com/tool@v1.0.0
FROM final
COPY --from=tools /go/bin/tool /usr/local/bin/
ONBUILD LABEL other=1
