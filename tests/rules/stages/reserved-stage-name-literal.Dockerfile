FROM scratch AS base
# expect: reserved-stage-name-literal@21 ~ "stage name 'scratch' is reserved for the empty image"
FROM alpine:3.20 AS scratch
# expect: reserved-stage-name-literal ~ "stage name 'context' is reserved for the build context"
from alpine:3.20 as context
