FROM alpine:3.20
# expect: healthcheck-invalid-option@24 ~ "invalid `--interval`: '30' has no unit; write e.g. '30s'"
# expect: healthcheck-invalid-option@37 ~ "invalid `--timeout`: '500us' is below the minimum of 1ms"
# expect: healthcheck-invalid-option@53 ~ "invalid `--retries`: '-1' cannot be negative"
HEALTHCHECK --interval=30 --timeout=500us --retries=-1 CMD wget -qO- http://127.0.0.1/ || exit 1
# expect: healthcheck-invalid-option@18 ~ "invalid `--start-period`: '5sec' has an unknown unit 'sec'"
# expect: healthcheck-invalid-option@13 ~ "invalid `--retries`: 'three' is not an integer"
healthcheck \
  --start-period=5sec \
  --retries=three \
  CMD ["/app/health"]
# expect: healthcheck-invalid-option@31 ~ "'99999999999' is out of range"
ONBUILD HEALTHCHECK --retries=99999999999 CMD ["/app/health"]
