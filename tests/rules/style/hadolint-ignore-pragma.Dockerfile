FROM alpine:3.20
# expect: hadolint-ignore-pragma@1 ~ "inline `hadolint ignore` pragma"
# hadolint ignore=DL3020
ADD app /app
# expect: hadolint-ignore-pragma
#hadolint	ignore = DL3020 , SC2086   # a reason after the list
ADD app /app
# expect: hadolint-ignore-pragma@3
  # hadolint ignore=DL3020,DL3003
ADD app /app
