FROM python:3.13-slim AS build
# Build packages in the builder stage are the point.
RUN apt-get update && apt-get install -y gcc libpq-dev

FROM python:3.13-slim
# Removed again in the same RUN.
RUN apt-get update && apt-get install -y gcc python3-dev \
 && pip install --no-cache-dir psycopg2 \
 && apt-get purge -y --auto-remove gcc python3-dev
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && pip install --no-cache-dir cffi \
 && apk del .build-deps
RUN apk add --no-cache -t build-deps make && pip install --no-cache-dir cffi && apk del build-deps
# The official images' apt-mark pattern.
RUN savedAptMark="$(apt-mark showmanual)" \
 && apt-get update && apt-get install -y --no-install-recommends gcc libssl-dev \
 && pip install --no-cache-dir cryptography \
 && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark \
 && apt-get purge -y --auto-remove
# Run-time packages, tools that images often need, and packages only named like headers.
RUN apt-get install -y libpq5 git curl udev dev ${EXTRA_DEV}
RUN yum install -y openssl && yum remove -y gcc
CMD ["python", "-m", "app"]
