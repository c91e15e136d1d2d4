FROM python:3.13-slim
# expect: json-args-recommended@12 ~ "use JSON arguments for `ENTRYPOINT` to prevent unintended behavior related to OS signals"
# expect-fix[unsafe]: ["python", "-m", "app"]
ENTRYPOINT python -m app
# Shell syntax: reported without a fix.
# expect: json-args-recommended@5 ~ "`CMD`"
CMD python -m app --workers "$WORKERS"
