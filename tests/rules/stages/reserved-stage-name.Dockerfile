# expect: reserved-stage-name@21 ~ "stage name 'scratch' is reserved: 'scratch' is the empty image"
FROM alpine:3.20 AS scratch
# expect: reserved-stage-name ~ "stage name 'Context' is reserved: 'context' names the build context"
from alpine:3.20 as Context
