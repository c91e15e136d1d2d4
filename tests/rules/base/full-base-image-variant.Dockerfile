FROM python:3.13 AS build
RUN pip wheel -w /wheels -r requirements.txt
# expect: full-base-image-variant@6 ~ "'python:3.13' is the full image (about 350-450 MB); 'python:3.13-slim' is about 40-60 MB"
FROM python:3.13 AS runtime
COPY --from=build /wheels /wheels
FROM runtime
CMD ["python", "-m", "app"]
