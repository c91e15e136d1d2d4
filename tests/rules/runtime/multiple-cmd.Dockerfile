FROM python:3.13-slim AS app
CMD ["python", "-V"]
# expect: multiple-cmd@1 ~ "`CMD` overrides the `CMD` on line 2; only the last `CMD` of a stage takes effect"
CMD ["python", "manage.py", "migrate"]
RUN pip install gunicorn
# expect: multiple-cmd ~ "overrides the `CMD` on line 4"
cmd gunicorn app:app
