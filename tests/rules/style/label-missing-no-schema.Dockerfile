# No label schema configured: the rule is inactive, as in hadolint.
FROM alpine:3.20
RUN echo no labels at all
