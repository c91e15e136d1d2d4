FROM python:3.13-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
RUN pip wheel --wheel-dir /wheels psycopg2

FROM python:3.13-slim
# expect: build-packages-in-final-stage@66 ~ "build-only packages 'gcc', 'libpq-dev' installed in the final image of a multi-stage build; install them in a builder stage and copy only the output, or remove them in the same `RUN`"
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev libpq5 \
 && rm -rf /var/lib/apt/lists/*
# Removing them in a later RUN does not shrink the image.
RUN apt-get purge -y gcc libpq-dev
# expect: build-packages-in-final-stage ~ "build-only package 'build-essential' installed"
RUN apt-get install -y build-essential=12.9 curl git
COPY --from=build /wheels /wheels
CMD ["python", "-m", "app"]
