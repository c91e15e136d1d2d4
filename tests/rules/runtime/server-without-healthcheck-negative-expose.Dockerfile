# With EXPOSE, exposed-service-without-healthcheck reports the image instead.
FROM python:3.13-slim
EXPOSE 8000
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
