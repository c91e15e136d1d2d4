FROM python:3.13-slim
ARG RUNTIME_USER=root
RUN useradd --uid 10001 app
# expect: final-image-runs-as-root@6 ~ "`USER ${RUNTIME_USER}` expands to 'root'"
USER ${RUNTIME_USER}
CMD ["python", "-m", "app"]
