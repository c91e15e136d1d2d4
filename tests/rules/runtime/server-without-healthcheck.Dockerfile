FROM python:3.13-slim
RUN pip install --no-cache-dir gunicorn flask
COPY app.py /app/
# expect: server-without-healthcheck@1 ~ "the final image starts the server `gunicorn` but has no `HEALTHCHECK`; add one that probes the service"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
