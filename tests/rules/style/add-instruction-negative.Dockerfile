FROM alpine:3.20
COPY app /app
# Checkov sees an ONBUILD instruction here, not an ADD.
ONBUILD ADD app /app
RUN echo ADD app /app
