# test-options: label-invalid-rfc3339.required-labels=org.opencontainers.image.created:rfc3339,maintainer
FROM alpine:3.20
# expect: label-invalid-rfc3339 ~ "is not an RFC 3339 date-time"
LABEL org.opencontainers.image.created="2024-05-01 12:00"
# expect: label-invalid-rfc3339
LABEL org.opencontainers.image.created=2024-02-30T10:00:00Z
# expect: label-invalid-rfc3339
LABEL org.opencontainers.image.created=2024-05-01T25:00:00+02:00
# expect: label-invalid-rfc3339
LABEL org.opencontainers.image.created=2024-05-01
