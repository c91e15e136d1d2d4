# EXPOSE in the stage the produced image is built FROM counts.
FROM python:3.13-slim AS web
# expect: exposed-service-without-healthcheck@1 ~ "port '8000'"
EXPOSE 8000
FROM web
CMD ["gunicorn", "app:app"]
