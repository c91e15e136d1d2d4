FROM python:3.13-slim
# expect: overridden-instruction@1 ~ "`CMD` has no effect: the `CMD` on line 5 overrides it"
# expect-fix:
CMD ["python", "-m", "http.server"]
CMD ["python", "/app/main.py"]
# expect: overridden-instruction@3 ~ "`HEALTHCHECK` has no effect: the `HEALTHCHECK` on line 11"
# expect-fix:
  healthcheck --interval=5s \
      CMD ["curl", "-f", "http://localhost/"]
COPY . /app
HEALTHCHECK NONE
# expect: overridden-instruction ~ "`ENTRYPOINT` has no effect: the `ENTRYPOINT` on line 15"
# expect-fix:
ENTRYPOINT ["/sbin/tini"]
ENTRYPOINT ["/sbin/tini", "--"]
