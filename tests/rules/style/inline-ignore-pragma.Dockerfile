FROM alpine:3.20
# expect: inline-ignore-pragma@1 ~ "inline `dfopt ignore` pragma"
# dfopt ignore=add-instead-of-copy
ADD app /app
# expect: inline-ignore-pragma ~ "inline `hadolint ignore` pragma"
# hadolint ignore=DL3020,SC2086  # reason
ADD app /app
# expect: inline-ignore-pragma
#dfopt stage ignore=add-instead-of-copy
FROM alpine:3.20 AS second
ADD app /app
