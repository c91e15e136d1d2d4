# test-options: label-invalid-email.required-labels=org.opencontainers.image.authors:email,maintainer
FROM alpine:3.20
# expect: label-invalid-email ~ "is not a valid email address"
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
# expect: label-invalid-email
LABEL org.opencontainers.image.authors=jane.@example.com
# expect: label-invalid-email
LABEL org.opencontainers.image.authors=jane
